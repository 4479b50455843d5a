// The config rules, each written once: a table per config object, saying for every key what it
// accepts and where the accepted value goes. One walk over the tables turns anything (a typo'd
// object, a JSON file, `null`) into a usable normalized config plus findings: a code, the path
// and the raw value, nothing more. consent.js runs this walk; the diagnostics chunk turns the
// findings into sentences. It never throws: what is invalid is dropped, and what is dropped can
// only ever make the widget block more, never less.

import {
  CONSENT_TYPES, COOKIE_NAME_PATTERN, DEFAULT_CATEGORIES, DEFAULT_CONSENT_TYPES, DOMAIN_PATTERN, ID_PATTERN,
  INVALID_REVISION, LANGUAGES, MAX_LIFETIME_DAYS, NONCE_PATTERN, defaultConfig, isObject,
  type Category, type ConsentConfig, type PresetSpec,
} from './config';
import { COOKIE_PATH_PATTERN } from './cookie-rule';
import { is, localized, oneOf, url, type Finding, type Raw, type Rule, type Table, type Walk } from './rule-kit';
import { readService } from './service-rules';

export type { Finding } from './rule-kit';

const flag = { ok: is('boolean') };
const nested = <T, K extends keyof T>(key: K, table: Table<T[K]>): Rule<T> => ({
  ok: isObject,
  put: (target, value: Raw, walk, at) => walk.table(table, value, target[key], { path: `${at.path}${String(key)}.`, code: String(key) }),
});

const COOKIE: Table<ConsentConfig['cookie']> = {
  name: { ok: (v) => typeof v === 'string' && COOKIE_NAME_PATTERN.test(v) },
  domain: {
    ok: (v) => typeof v === 'string' && DOMAIN_PATTERN.test(v) && v.includes('.'),
    put: (cookie, domain: string) => (cookie.domain = domain.replace(/^\./, '')),
  },
  path: { ok: (v) => typeof v === 'string' && COOKIE_PATH_PATTERN.test(v) },
  expiresDays: {
    ok: (v) => (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 ? false : v > MAX_LIFETIME_DAYS ? 'max' : true),
    fail: (cookie, days) => Number.isFinite(days) && (days as number) > MAX_LIFETIME_DAYS && (cookie.expiresDays = MAX_LIFETIME_DAYS),
  },
};

const RECEIPTS: Table<NonNullable<ConsentConfig['receipts']>> = {
  endpoint: { ok: url },
  // Receipts carry the consent id; another origin only when the config says so.
  allowCrossOrigin: { ok: is('boolean'), put: (receipts, allow: boolean) => allow && (receipts.allowCrossOrigin = true) },
};

const CATEGORY: Table<Category> = {
  label: localized,
  description: localized,
  minorsAllowed: {
    ok: is('boolean'),
    put: (category, allowed: boolean, walk, at) =>
      category.required ? walk.report('warning', 'categories.minorsAllowed:session', `${at.path}minorsAllowed`) : (category.minorsAllowed = allowed),
  },
};

// In the order the rules are checked (and their findings listed).
const TOP: Table<ConsentConfig> = {
  revision: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 0, fail: (config) => (config.revision = INVALID_REVISION) },
  language: { ok: oneOf('auto', ...LANGUAGES) },
  privacyPolicyUrl: { ok: url },
  imprintUrl: { ok: url },
  nonce: { ok: (v) => typeof v === 'string' && NONCE_PATTERN.test(v) },
  reloadOnWithdraw: flag,
  blocking: flag,
  floatingButton: { ok: oneOf(true, false, 'label') },
  respectGpc: flag,
  receipts: {
    ok: (v) => isObject(v) && url(v.endpoint),
    put: (config, receipts: Raw, walk) => walk.table(RECEIPTS, receipts, (config.receipts = { endpoint: '' }), { path: 'receipts.', code: 'receipts' }),
  },
  policyVersion: { ok: (v) => typeof v === 'string' && v.length <= 64 },
  theme: { ok: oneOf('auto', 'light', 'dark') },
  user: {
    ok: (v) => isObject(v) && (v.minor === undefined || typeof v.minor === 'boolean'),
    put: (config, user: Raw, walk) => walk.table({ minor: flag }, user, config.user, { path: 'user.', code: 'user' }),
  },
  cookie: nested('cookie', COOKIE),
  texts: {
    ok: isObject,
    put(config, texts: Raw, walk) {
      for (const [lang, value] of Object.entries(texts)) {
        if (!LANGUAGES.includes(lang as never)) walk.report('warning', 'texts.language', `texts.${lang}`);
        else if (!isObject(value)) walk.report('error', 'texts.entry', `texts.${lang}`, value);
        else config.texts[lang as 'de'] = value;
      }
    },
  },
  categories: { ok: isObject, put: (config, raw: Raw, walk) => readCategories(config, raw, walk) },
  services: { ok: Array.isArray, put: (config, raw: unknown[], walk) => raw.forEach((value, i) => readService(config, value, i, walk)) },
  // Its default depends on the services, so readConsentMode applies it after the walk.
  googleConsentMode: { ok: (v) => typeof v === 'boolean' || isObject(v), put() {} },
};


export function normalizeConfig(raw: unknown, presets: Record<string, PresetSpec>): { config: ConsentConfig; findings: Finding[] } {
  const config = defaultConfig();
  const findings: Finding[] = [];
  const walk: Walk = {
    presets,
    report: (level, code, path, value, details) => findings.push({ level, code, path, value, details }),
    table(table, raw, target, at, moreKeys = []) {
      const known = [...Object.keys(table), ...moreKeys];
      for (const key of Object.keys(raw)) if (!known.includes(key)) walk.report('warning', 'unknown-key', `${at.path}${key}`, key, known);
      for (const key of Object.keys(table)) {
        const value = raw[key];
        if (value === undefined) continue;
        const rule = table[key];
        const verdict = rule.ok(value, target, walk, at);
        if (verdict === true) rule.put ? rule.put(target, value as never, walk, at) : ((target as Raw)[key] = value);
        else {
          walk.report('error', `${at.code}.${key}${typeof verdict === 'string' ? `:${verdict}` : ''}`, `${at.path}${key}`, value, at.details);
          rule.fail?.(target, value);
        }
      }
    },
  };
  if (raw === undefined) return { config, findings };
  if (!isObject(raw)) return walk.report('error', 'config', 'config', raw), { config, findings };
  walk.table(TOP, raw, config, { path: '', code: 'config' });
  readConsentMode(config, raw.googleConsentMode, walk);
  return { config, findings };
}

function readCategories(config: ConsentConfig, raw: Raw, walk: Walk) {
  for (const [id, value] of Object.entries(raw)) {
    const path = `categories.${id}`;
    if (!ID_PATTERN.test(id)) walk.report('error', 'categories.id', path, id);
    else if (!isObject(value)) walk.report('error', 'categories.entry', path, value);
    else {
      let category = config.categories.find((c) => c.id === id);
      if (!category) config.categories.push((category = { id, required: false, minorsAllowed: false }));
      walk.table(CATEGORY, value, category, { path: `${path}.`, code: 'categories' });
      if (!DEFAULT_CATEGORIES.some((c) => c.id === id) && category.label === undefined) walk.report('warning', 'categories.label:missing', `${path}.label`, undefined, [id]);
    }
  }
}

/** Google Consent Mode: on with a google-analytics service unless switched off; `types` maps categories. */
function readConsentMode(config: ConsentConfig, mode: unknown, walk: Walk) {
  if (mode === undefined ? !config.services.some((s) => s.preset === 'google-analytics') : mode === false) return;
  const types = { ...DEFAULT_CONSENT_TYPES };
  const custom = isObject(mode) ? mode.types : undefined;
  if (custom !== undefined && !isObject(custom)) return walk.report('error', 'googleConsentMode.types', 'googleConsentMode.types', custom);
  for (const [category, list] of Object.entries(custom ?? {})) {
    const path = `googleConsentMode.types.${category}`;
    if (!config.categories.some((c) => c.id === category)) walk.report('error', 'googleConsentMode.types.category', path, category);
    else if (!Array.isArray(list) || !list.every((t) => (CONSENT_TYPES as readonly unknown[]).includes(t))) walk.report('error', 'googleConsentMode.types.list', path, list);
    else types[category] = list;
  }
  config.googleConsentMode = types;
}
