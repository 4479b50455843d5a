// The config rules, each written once: a table per config object, saying for every key what it
// accepts and where the accepted value goes. One walk over the tables turns anything (a typo'd
// object, a JSON file, `null`) into a usable normalized config plus findings: a code, the path
// and the raw value, nothing more. consent.js runs this walk; the diagnostics chunk turns the
// findings into sentences. It never throws: what is invalid is dropped, and what is dropped can
// only ever make the widget block more, never less.

import {
  CONSENT_TYPES, COOKIE_NAME_PATTERN, DEFAULT_CATEGORIES, DEFAULT_CONSENT_TYPES, DOMAIN_PATTERN, ID_PATTERN,
  INVALID_REVISION, LANGUAGES, MAX_LIFETIME_DAYS, NONCE_PATTERN, defaultConfig, isLocalized, isObject,
  type Category, type ConsentConfig, type PresetSpec, type Service,
} from './config';
import { COOKIE_PATH_PATTERN, STORAGE_KEY_PATTERN, compileCookieRule } from './cookie-rule';
import { isSafeUrl } from './url';

/** One thing wrong with the config. `code` names the rule (its texts are in the diagnostics). */
export interface Finding {
  level: 'error' | 'warning';
  code: string;
  /** Config path, e.g. `services[2].category`. */
  path: string;
  /** The raw value that broke the rule. */
  value?: unknown;
  /** What the text needs besides: the service id, the keys that are known, … */
  details?: string[];
}

type Raw = Record<string, unknown>;
/** Where a table is walked: the path for findings, and the code prefix of its rules. */
interface Place {
  path: string;
  code: string;
  details?: string[];
}
interface Walk {
  report(level: Finding['level'], code: string, path: string, value?: unknown, details?: string[]): void;
  table<T>(table: Table<T>, raw: Raw, target: T, at: Place, moreKeys?: string[]): void;
  presets: Record<string, PresetSpec>;
}
/**
 * A key's rule. `ok` says whether a value is accepted (a string names a variant of the problem,
 * e.g. "max"); `put` stores an accepted value (default: as is); `fail` is what a rejected one
 * still does (an invalid revision must match no stored choice).
 */
interface Rule<T> {
  ok(value: unknown, target: T, walk: Walk, at: Place): boolean | string;
  put?(target: T, value: never, walk: Walk, at: Place): void;
  fail?(target: T, value: unknown): void;
}
type Table<T> = Record<string, Rule<T>>;

const is = (type: string) => (value: unknown) => typeof value === type;
const oneOf = (...options: unknown[]) => (value: unknown) => options.includes(value);
const url = (value: unknown) => typeof value === 'string' && isSafeUrl(value);
const localized = { ok: isLocalized };
const flag = { ok: is('boolean') };
const nested = <T, K extends keyof T>(key: K, table: Table<T[K]>): Rule<T> => ({
  ok: isObject,
  put: (target, value: Raw, walk, at) => walk.table(table, value, target[key], { path: `${at.path}${String(key)}.`, code: String(key) }),
});

/** A service's list of cookie or storage-key rules: each one compiled, a bad one reported and left out. */
function ruleList(key: 'cookies' | 'storage', exact?: RegExp): Rule<Service> {
  return {
    ok: Array.isArray,
    put(service, rules: unknown[], walk, at) {
      rules.forEach((rule, i) => {
        const compiled = compileCookieRule(rule, exact);
        if (compiled) service[key].push(compiled);
        else walk.report('error', `services.${key}[]`, `${at.path}${key}[${i}]`, rule, at.details);
      });
    },
  };
}

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

const CATEGORY: Table<Category> = {
  label: localized,
  description: localized,
  minorsAllowed: {
    ok: is('boolean'),
    put: (category, allowed: boolean, walk, at) =>
      category.required ? walk.report('warning', 'categories.minorsAllowed:session', `${at.path}minorsAllowed`) : (category.minorsAllowed = allowed),
  },
};

const SERVICE: Table<Service> = {
  label: localized,
  description: localized,
  provider: { ok: is('string') },
  privacyPolicyUrl: { ok: url },
  src: {
    ok: (v) => typeof v === 'string' || Array.isArray(v),
    put(service, src: unknown, walk, at) {
      const list: unknown[] = typeof src === 'string' ? [src] : (src as unknown[]);
      list.forEach((u, i) =>
        url(u) ? service.src.push(u as string) : walk.report('error', 'services.src[]', `${at.path}src${typeof src === 'string' ? '' : `[${i}]`}`, u, at.details),
      );
    },
  },
  cookies: ruleList('cookies'),
  storage: ruleList('storage', STORAGE_KEY_PATTERN),
  onAccept: { ok: is('function') },
  onReject: { ok: is('function') },
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
    put: (config, receipts: Raw, walk) => walk.table({ endpoint: { ok: url } }, receipts, (config.receipts = { endpoint: '' }), { path: 'receipts.', code: 'receipts' }),
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

function readService(config: ConsentConfig, value: unknown, index: number, walk: Walk) {
  const path = `services[${index}]`;
  if (!isObject(value)) return walk.report('error', 'services.entry', path, value);
  const { id, category, preset } = value;
  const known = config.categories.map((c) => c.id);
  const leftOut = (key: string, code: string, got: unknown, ...details: string[]) => walk.report('error', code, `${path}${key}`, got, details);
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return leftOut('.id', 'services.id', id);
  if (config.services.some((s) => s.id === id)) return leftOut('.id', 'services.id:taken', id, id);
  if (typeof category !== 'string' || !known.includes(category)) return leftOut('.category', 'services.category', category, id, known.join(', '));
  const spec = typeof preset === 'string' && Object.prototype.hasOwnProperty.call(walk.presets, preset) ? walk.presets[preset] : undefined;
  if (preset !== undefined && !spec) return leftOut('.preset', 'services.preset', preset, id, Object.keys(walk.presets).join(', '));

  const service: Service = { id, category, src: [], cookies: [], storage: [], options: {} };
  if (spec) {
    service.preset = preset as string;
    for (const [name, option] of Object.entries(spec.options)) {
      const given = value[name];
      if (given === undefined) {
        if (option.required) return leftOut(`.${name}`, 'services.option:missing', given, id, preset as string, name);
      } else if ((typeof given === 'string' || typeof given === 'number') && option.pattern.test(String(given))) {
        service.options[name] = String(given);
      } else return leftOut(`.${name}`, 'services.option', given, id, preset as string, name);
    }
    for (const rule of spec.cookies) service.cookies.push(compileCookieRule(rule)!);
  }
  // id, category and preset were read above: without them there is no service.
  walk.table(SERVICE, value, service, { path: `${path}.`, code: 'services', details: [id] }, ['id', 'category', 'preset', ...Object.keys(spec?.options ?? {})]);
  config.services.push(service);
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
