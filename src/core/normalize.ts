// The lean twin of validateConfig, for consent.js: the same normalized config, without the
// messages and the code that writes them (about two thirds of the validator's size). `clean` is
// false whenever validateConfig would report a problem; consent.js then loads the validator
// (dist/consent-check.js) to say what. test/unit/core/normalize.test.ts holds the two to the
// same result on hand-written and on 10,000 random configs: change both together.

import {
  CATEGORY_KEYS, COOKIE_KEYS, COOKIE_NAME_PATTERN, CONSENT_TYPES, DEFAULT_CATEGORIES, DEFAULT_CONSENT_TYPES, DOMAIN_PATTERN,
  ID_PATTERN, INVALID_REVISION, LANGUAGES, MAX_LIFETIME_DAYS, NONCE_PATTERN, PRESETS, SERVICE_KEYS, TOP_LEVEL_KEYS,
  compileCookieRule, defaultConfig, isLocalized, isObject,
  type Category, type ConsentConfig, type ConsentType, type Language, type Localized, type PresetName, type Service,
} from './config';
import { isSafeUrl } from './url';
import { trackerInSession } from './trackers';

type Raw = Record<string, unknown>;

export function normalizeConfig(raw: unknown): { config: ConsentConfig; clean: boolean } {
  const config = defaultConfig();
  let clean = true;
  const fail = () => {
    clean = false;
  };
  /** Sets `target[key]` when `ok`, else notes a problem. */
  const take = <T extends object>(target: T, key: keyof T, value: unknown, ok: boolean) => (ok ? ((target[key] as unknown) = value) : fail());
  const onlyKnown = (obj: Raw, keys: string[]) => Object.keys(obj).every((k) => keys.includes(k)) || fail();

  if (raw === undefined) return { config, clean };
  if (!isObject(raw)) return { config, clean: false };
  onlyKnown(raw, TOP_LEVEL_KEYS);
  const { revision, language, nonce, receipts, policyVersion, theme, user, cookie, texts, categories, services } = raw;

  if (revision !== undefined) {
    const ok = Number.isSafeInteger(revision) && (revision as number) >= 0;
    take(config, 'revision', revision, ok);
    if (!ok) config.revision = INVALID_REVISION;
  }
  if (language !== undefined) take(config, 'language', language, language === 'auto' || LANGUAGES.includes(language as Language));
  for (const key of ['privacyPolicyUrl', 'imprintUrl'] as const) {
    if (raw[key] !== undefined) take(config, key, raw[key], typeof raw[key] === 'string' && isSafeUrl(raw[key]));
  }
  if (nonce !== undefined) take(config, 'nonce', nonce, typeof nonce === 'string' && NONCE_PATTERN.test(nonce));
  for (const key of ['reloadOnWithdraw', 'blocking', 'floatingButton', 'respectGpc'] as const) {
    if (raw[key] !== undefined) take(config, key, raw[key], typeof raw[key] === 'boolean');
  }
  if (receipts !== undefined) {
    const endpoint = isObject(receipts) ? receipts.endpoint : undefined;
    const ok = typeof endpoint === 'string' && isSafeUrl(endpoint);
    if (ok) onlyKnown(receipts as Raw, ['endpoint']);
    take(config, 'receipts', { endpoint }, ok);
  }
  if (policyVersion !== undefined) take(config, 'policyVersion', policyVersion, typeof policyVersion === 'string' && policyVersion.length <= 64);
  if (theme !== undefined) take(config, 'theme', theme, theme === 'auto' || theme === 'light' || theme === 'dark');
  if (user !== undefined) {
    const ok = isObject(user) && (user.minor === undefined || typeof user.minor === 'boolean');
    if (ok) onlyKnown(user, ['minor']);
    take(config.user, 'minor', isObject(user) && user.minor === true, ok);
  }

  if (cookie !== undefined) {
    if (!isObject(cookie)) fail();
    else {
      onlyKnown(cookie, COOKIE_KEYS);
      const { name, domain, path, expiresDays: days } = cookie;
      const settings = config.cookie;
      if (name !== undefined) take(settings, 'name', name, typeof name === 'string' && COOKIE_NAME_PATTERN.test(name));
      if (domain !== undefined) {
        const ok = typeof domain === 'string' && DOMAIN_PATTERN.test(domain) && domain.includes('.');
        take(settings, 'domain', ok && (domain as string).replace(/^\./, ''), ok);
      }
      if (path !== undefined) take(settings, 'path', path, typeof path === 'string' && /^\/[^;\s]*$/.test(path));
      if (days !== undefined) {
        const ok = typeof days === 'number' && Number.isFinite(days) && days > 0;
        take(settings, 'expiresDays', Math.min(days as number, MAX_LIFETIME_DAYS), ok && (days as number) <= MAX_LIFETIME_DAYS);
        if (ok && (days as number) > MAX_LIFETIME_DAYS) settings.expiresDays = MAX_LIFETIME_DAYS;
      }
    }
  }

  if (texts !== undefined) {
    if (!isObject(texts)) fail();
    else for (const [lang, value] of Object.entries(texts)) take(config.texts, lang as Language, value, LANGUAGES.includes(lang as Language) && isObject(value));
  }

  if (categories !== undefined) {
    if (!isObject(categories)) fail();
    else {
      for (const [id, value] of Object.entries(categories)) {
        if (!ID_PATTERN.test(id) || !isObject(value)) {
          fail();
          continue;
        }
        onlyKnown(value, CATEGORY_KEYS);
        let category = config.categories.find((c) => c.id === id);
        if (!category) config.categories.push((category = { id, required: false, minorsAllowed: false }));
        readLabels(category, value);
        if (!DEFAULT_CATEGORIES.some((c) => c.id === id) && category.label === undefined) fail();
        const { minorsAllowed } = value;
        if (minorsAllowed !== undefined) take(category, 'minorsAllowed', minorsAllowed, typeof minorsAllowed === 'boolean' && !category.required);
      }
    }
  }

  if (services !== undefined) {
    if (!Array.isArray(services)) fail();
    else for (const value of services) readService(value);
  }

  // Google Consent Mode: on with a google-analytics service unless switched off; `types` maps categories.
  const mode = raw.googleConsentMode;
  if (mode !== undefined && typeof mode !== 'boolean' && !isObject(mode)) fail();
  if (mode === undefined ? config.services.some((s) => s.preset === 'google-analytics') : mode !== false) {
    const types: Record<string, ConsentType[]> = { ...DEFAULT_CONSENT_TYPES };
    const custom = isObject(mode) ? mode.types : undefined;
    if (custom !== undefined && !isObject(custom)) fail();
    else {
      for (const [category, list] of Object.entries(custom ?? {})) {
        const ok = config.categories.some((c) => c.id === category) && Array.isArray(list) && list.every((t) => (CONSENT_TYPES as readonly unknown[]).includes(t));
        take(types, category, list, ok);
      }
      config.googleConsentMode = types;
    }
  }
  return { config, clean };

  function readLabels(target: Category | Service, value: Raw, keys: ('label' | 'description' | 'transferBasis' | 'dataSent')[] = ['label', 'description']) {
    for (const key of keys) {
      if (value[key] !== undefined) take(target, key as 'label', value[key] as Localized, isLocalized(value[key]));
    }
  }

  function readService(value: unknown) {
    if (!isObject(value)) return fail();
    const { id, category, preset } = value;
    if (
      typeof id !== 'string' || !ID_PATTERN.test(id) || config.services.some((s) => s.id === id) ||
      typeof category !== 'string' || !config.categories.some((c) => c.id === category) ||
      (preset !== undefined && (typeof preset !== 'string' || !Object.prototype.hasOwnProperty.call(PRESETS, preset)))
    ) {
      return fail();
    }
    const service: Service = { id, category, src: [], cookies: [], storage: [], options: {} };
    const spec = preset === undefined ? undefined : PRESETS[preset as PresetName];
    if (spec) {
      service.preset = preset as PresetName;
      for (const [name, rule] of Object.entries(spec.options)) {
        const option = value[name];
        if (option === undefined) {
          if (rule.required) return fail();
        } else if ((typeof option === 'string' || typeof option === 'number') && rule.pattern.test(String(option))) {
          service.options[name] = String(option);
        } else return fail();
      }
      for (const rule of spec.cookies) service.cookies.push(compileCookieRule(rule)!);
    }
    onlyKnown(value, [...SERVICE_KEYS, ...Object.keys(spec?.options ?? {})]);
    readLabels(service, value, ['label', 'description', 'transferBasis', 'dataSent']);
    const { privacyPolicyUrl: policy, src } = value;
    for (const key of ['provider', 'country'] as const) {
      if (value[key] !== undefined) take(service, key, value[key], typeof value[key] === 'string');
    }
    if (policy !== undefined) take(service, 'privacyPolicyUrl', policy, typeof policy === 'string' && isSafeUrl(policy));
    if (src !== undefined) {
      const list = typeof src === 'string' ? [src] : src;
      if (!Array.isArray(list)) fail();
      else for (const url of list) typeof url === 'string' && isSafeUrl(url) ? service.src.push(url) : fail();
    }
    for (const key of ['cookies', 'storage'] as const) {
      const rules = value[key];
      if (rules === undefined) continue;
      if (!Array.isArray(rules)) fail();
      else {
        for (const rule of rules) {
          const compiled = compileCookieRule(rule);
          if (compiled) service[key].push(compiled);
          else fail();
        }
      }
    }
    for (const key of ['onAccept', 'onReject'] as const) {
      if (value[key] !== undefined) take(service, key, value[key], typeof value[key] === 'function');
    }
    // A tracker is never strictly necessary: refused in `session` (core/trackers.ts).
    if (trackerInSession(service)) return fail();
    config.services.push(service);
  }
}
