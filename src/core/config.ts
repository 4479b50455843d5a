// Config: the TypeScript shape a site developer writes, and a validator that turns
// anything (a typo'd object, a JSON file, `null`) into a usable normalized config
// plus a list of problems. It never throws: what is invalid is dropped, and what is
// dropped can only ever make the widget block more, never less.

import { isSafeUrl } from './url';
import { trackerHosts, trackerInSession } from './trackers';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

/** A plain string (all languages) or one string per language. */
export type Localized = string | Partial<Record<Language, string>>;

/**
 * A cookie name or `/regex/` (optionally `/regex/i`); the object form adds paths to delete on and,
 * for the settings dialog, a lifetime and a display name (e.g. `_ga_<ID>` for `/^_ga_/`).
 */
export type CookieRuleInput = string | { name: string; paths?: string[]; lifetime?: Localized | number; displayName?: string };

export interface CategoryInput {
  label?: Localized;
  description?: Localized;
  /** Whether a learner flagged as a minor may consent to this category. */
  minorsAllowed?: boolean;
}

export interface ServiceInput {
  id: string;
  category: string;
  preset?: PresetName;
  label?: Localized;
  /** What the service does, shown in the settings dialog. */
  description?: Localized;
  /** Who runs it, e.g. "Google Ireland Limited". */
  provider?: string;
  /** The provider's privacy notice (http(s) or relative). */
  privacyPolicyUrl?: string;
  /** Scripts the widget loads, in this order, once the service is accepted. */
  src?: string | string[];
  /** Cookies the service sets: deleted when it is rejected or withdrawn. */
  cookies?: CookieRuleInput[];
  /** localStorage / sessionStorage keys its scripts write (same rule syntax as cookies). */
  storage?: CookieRuleInput[];
  /** Where the provider processes the data: an ISO 3166 code ("DE", "US") or a country name. */
  country?: string;
  /** For a country outside the EU/EEA: the legal basis of the transfer (e.g. an adequacy decision). */
  transferBasis?: Localized;
  /** What reaches the provider, e.g. "IP-Adresse, Nutzername, Kurszugehörigkeit". */
  dataSent?: Localized;
  /** Called when the service becomes accepted (also on later page views). */
  onAccept?: () => void;
  /** Called when a decision denies the service. */
  onReject?: () => void;
  /** Preset options, e.g. `measurementId` (google-analytics) or `url`/`siteId` (matomo). */
  [presetOption: string]: unknown;
}

export interface ConsentConfigInput {
  revision?: number;
  language?: Language | 'auto';
  privacyPolicyUrl?: string;
  imprintUrl?: string;
  cookie?: { name?: string; domain?: string; path?: string; expiresDays?: number };
  nonce?: string;
  texts?: Partial<Record<Language, Record<string, unknown>>>;
  categories?: Record<string, CategoryInput>;
  services?: ServiceInput[];
  /** Reload the page when a category or service whose code already ran is withdrawn. */
  reloadOnWithdraw?: boolean;
  user?: { minor?: boolean };
  /** Make the first layer a true modal dialog (default: a non-modal region). */
  blocking?: boolean;
  /** Show the small "Cookie-Einstellungen" button after a decision (default true). */
  floatingButton?: boolean;
  /** Colour scheme of the UI: follow the system (default), or force one. */
  theme?: 'auto' | 'light' | 'dark';
  /**
   * Google Consent Mode v2 in window.dataLayer: on by default with a google-analytics service;
   * `true` for Tag Manager sites without one; an object maps categories to consent types.
   */
  googleConsentMode?: boolean | { types?: Record<string, ConsentType[]> };
  /** Honour the browser's Global Privacy Control signal (default true). */
  respectGpc?: boolean;
  /** Post a consent receipt to this first-party endpoint on every decision. */
  receipts?: { endpoint: string };
  /** The privacy policy version the texts describe; goes into every receipt. */
  policyVersion?: string;
}

export const CONSENT_TYPES = [
  'ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
  'functionality_storage', 'personalization_storage', 'security_storage',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

export interface CookieRule {
  /** Exact name, or a RegExp for `/regex/` rules. */
  name: string | RegExp;
  paths: string[];
  /** For the settings dialog. */
  displayName: string;
  /** A text, or a number of days. */
  lifetime?: Localized | number;
}

export interface Category {
  id: string;
  /** `session` only: always on, cannot be switched off. */
  required: boolean;
  minorsAllowed: boolean;
  label?: Localized;
  description?: Localized;
}

export interface Service {
  id: string;
  category: string;
  preset?: PresetName;
  label?: Localized;
  description?: Localized;
  provider?: string;
  privacyPolicyUrl?: string;
  src: string[];
  cookies: CookieRule[];
  storage: CookieRule[];
  country?: string;
  transferBasis?: Localized;
  dataSent?: Localized;
  onAccept?: () => void;
  onReject?: () => void;
  /** Validated preset options (e.g. `measurementId`). */
  options: Record<string, string>;
}

export interface ConsentConfig {
  revision: number;
  language: Language | 'auto';
  privacyPolicyUrl?: string;
  imprintUrl?: string;
  cookie: { name: string; domain?: string; path: string; expiresDays: number };
  nonce?: string;
  texts: Partial<Record<Language, Record<string, unknown>>>;
  /** In display order: the three defaults first, then those the config adds. */
  categories: Category[];
  services: Service[];
  reloadOnWithdraw: boolean;
  user: { minor: boolean };
  blocking: boolean;
  floatingButton: boolean;
  theme: 'auto' | 'light' | 'dark';
  /** null: no Consent Mode; else the category → consent types mapping in force. */
  googleConsentMode: Record<string, ConsentType[]> | null;
  respectGpc: boolean;
  receipts: { endpoint: string } | null;
  policyVersion: string | null;
}

export interface Problem {
  level: 'error' | 'warning';
  /** Config path, e.g. `services[2].category`. */
  path: string;
  message: string;
}

export const DEFAULT_COOKIE_NAME = 'asmeronexa_consent';
export const DEFAULT_LIFETIME_DAYS = 182;
export const MAX_LIFETIME_DAYS = 395;
/** Marks a config whose revision was invalid: no stored choice from a valid config matches it. */
export const INVALID_REVISION = -1;

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const ID_RULE = '1–40 letters, digits, "-" or "_", starting with a letter or digit';
export const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const NONCE_PATTERN = /^[A-Za-z0-9+/_=-]+$/;
export const DOMAIN_PATTERN = /^\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export const DEFAULT_CATEGORIES: Category[] = [
  { id: 'session', required: true, minorsAllowed: true },
  { id: 'analytics', required: false, minorsAllowed: false },
  { id: 'functional', required: false, minorsAllowed: true },
];

// Presets: the options each one needs and the cookies it is known to set.
// What a preset does at run time lives in src/vendors/.
export type PresetName = 'google-analytics' | 'matomo';

// Their name, provider and purpose are texts: locales/*.json `presets.<name>`, shown by the UI;
// their facts (country, hosts, cookie lifetimes) are data in src/vendors/facts.ts.
interface PresetSpec {
  options: Record<string, { required: boolean; pattern: RegExp }>;
  cookies: CookieRuleInput[];
}

const HTTP_URL = /^(https?:)?\/\/\S+$|^\/\S*$/;

/** Default Consent Mode mapping (standards §1.1); `security_storage` is always granted. */
export const DEFAULT_CONSENT_TYPES: Record<string, ConsentType[]> = {
  analytics: ['analytics_storage'],
  functional: ['functionality_storage', 'personalization_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};
export const PRESETS: Record<PresetName, PresetSpec> = {
  'google-analytics': {
    options: {
      measurementId: { required: true, pattern: /^G-[A-Z0-9]{4,20}$/ },
      mode: { required: false, pattern: /^(basic|advanced)$/ },
      gtagUrl: { required: false, pattern: HTTP_URL },
    },
    cookies: ['_ga', { name: '/^_ga_/', displayName: '_ga_<ID>' }, '_gid', { name: '/^_gat/', displayName: '_gat*' }, '/^_dc_gtm_/', '/^_gac_/'],
  },
  matomo: {
    options: {
      url: { required: true, pattern: HTTP_URL },
      siteId: { required: true, pattern: /^\d{1,9}$/ },
      mode: { required: false, pattern: /^(require-consent|cookieless-until-consent|cookieless)$/ },
    },
    cookies: [{ name: '/^_pk_id/', displayName: '_pk_id.*' }, { name: '/^_pk_ses/', displayName: '_pk_ses.*' }, '/^_pk_/', '/^mtm_/'],
  },
};

/** What each preset option must look like, in words: for the validator's messages only. */
const PRESET_OPTION_RULES: Record<PresetName, Record<string, string>> = {
  'google-analytics': {
    measurementId: 'a GA4 measurement ID like "G-ABC123XYZ"',
    mode: '"basic" (gtag.js only after consent; the default) or "advanced"',
    gtagUrl: 'the gtag.js URL, if not Google\'s (a first-party proxy)',
  },
  matomo: {
    url: 'the Matomo base URL (http(s) or a path)',
    siteId: 'the Matomo site ID, a whole number',
    mode: '"require-consent" (the default), "cookieless-until-consent" or "cookieless"',
  },
};

export const TOP_LEVEL_KEYS = [
  'revision', 'language', 'privacyPolicyUrl', 'imprintUrl', 'cookie', 'nonce', 'texts',
  'categories', 'services', 'reloadOnWithdraw', 'user', 'blocking', 'floatingButton', 'theme', 'googleConsentMode',
  'respectGpc', 'receipts', 'policyVersion',
];
export const SERVICE_KEYS = [
  'id', 'category', 'preset', 'label', 'description', 'provider', 'privacyPolicyUrl', 'src', 'cookies', 'onAccept', 'onReject',
  'storage', 'country', 'transferBasis', 'dataSent',
];
export const CATEGORY_KEYS = ['label', 'description', 'minorsAllowed'];
export const COOKIE_KEYS = ['name', 'domain', 'path', 'expiresDays'];

/** The config with nothing set: what an empty or unusable config falls back to. */
export function defaultConfig(): ConsentConfig {
  return {
    revision: 1,
    language: 'auto',
    cookie: { name: DEFAULT_COOKIE_NAME, path: '/', expiresDays: DEFAULT_LIFETIME_DAYS },
    texts: {},
    categories: DEFAULT_CATEGORIES.map((c) => ({ ...c })),
    services: [],
    reloadOnWithdraw: true,
    user: { minor: false },
    blocking: false,
    floatingButton: true,
    theme: 'auto',
    googleConsentMode: null,
    respectGpc: true,
    receipts: null,
    policyVersion: null,
  };
}

export function validateConfig(raw: unknown): { config: ConsentConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (path: string, message: string) => problems.push({ level: 'error', path, message });
  const warn = (path: string, message: string) => problems.push({ level: 'warning', path, message });

  const config = defaultConfig();

  if (raw === undefined) return { config, problems };
  if (!isObject(raw)) {
    error('config', `must be an object, got ${describe(raw)}; using the defaults, everything optional stays blocked`);
    return { config, problems };
  }

  warnUnknownKeys(raw, TOP_LEVEL_KEYS, 'config', warn, '');

  if (raw.revision !== undefined) {
    if (Number.isSafeInteger(raw.revision) && (raw.revision as number) >= 0) config.revision = raw.revision as number;
    else {
      error('revision', `must be a whole number ≥ 0, got ${describe(raw.revision)}; no stored choice counts until it is fixed`);
      config.revision = INVALID_REVISION;
    }
  }

  if (raw.language !== undefined) {
    if (raw.language === 'auto' || LANGUAGES.includes(raw.language as Language)) config.language = raw.language as Language;
    else error('language', `must be "de", "en" or "auto", got ${describe(raw.language)}; using "auto"`);
  }

  for (const key of ['privacyPolicyUrl', 'imprintUrl'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && isSafeUrl(value)) config[key] = value;
    else error(key, `must be an http(s) or relative URL, got ${describe(value)}; the link is left out`);
  }

  if (raw.nonce !== undefined) {
    if (typeof raw.nonce === 'string' && NONCE_PATTERN.test(raw.nonce)) config.nonce = raw.nonce;
    else error('nonce', `must be a base64 string, got ${describe(raw.nonce)}; ignored`);
  }

  for (const key of ['reloadOnWithdraw', 'blocking', 'floatingButton', 'respectGpc'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'boolean') config[key] = raw[key] as boolean;
    else error(key, `must be true or false, got ${describe(raw[key])}; using ${config[key]}`);
  }

  if (raw.receipts !== undefined) {
    const endpoint = isObject(raw.receipts) ? raw.receipts.endpoint : undefined;
    if (typeof endpoint === 'string' && isSafeUrl(endpoint)) {
      warnUnknownKeys(raw.receipts as Record<string, unknown>, ['endpoint'], 'receipts', warn);
      config.receipts = { endpoint };
    } else error('receipts', `must be { endpoint: '/api/consent-receipts' } (an http(s) or relative URL), got ${describe(raw.receipts)}; no receipts are sent`);
  }
  if (raw.policyVersion !== undefined) {
    if (typeof raw.policyVersion === 'string' && raw.policyVersion.length <= 64) config.policyVersion = raw.policyVersion;
    else error('policyVersion', `must be a short string like "2026-11", got ${describe(raw.policyVersion)}; ignored`);
  }

  if (raw.theme !== undefined) {
    if (raw.theme === 'auto' || raw.theme === 'light' || raw.theme === 'dark') config.theme = raw.theme;
    else error('theme', `must be "auto", "light" or "dark", got ${describe(raw.theme)}; using "auto"`);
  }

  if (raw.user !== undefined) {
    if (isObject(raw.user) && (raw.user.minor === undefined || typeof raw.user.minor === 'boolean')) {
      warnUnknownKeys(raw.user, ['minor'], 'user', warn);
      config.user.minor = raw.user.minor === true;
    } else error('user', `must be { minor: true | false }, got ${describe(raw.user)}; ignored`);
  }

  if (raw.cookie !== undefined) readCookie(raw.cookie, config, error, warn);
  if (raw.texts !== undefined) readTexts(raw.texts, config, error, warn);
  if (raw.categories !== undefined) readCategories(raw.categories, config, error, warn);
  if (raw.services !== undefined) readServices(raw.services, config, error, warn);
  readConsentMode(raw.googleConsentMode, config, error);

  return { config, problems };
}

type Report = (path: string, message: string) => void;

function readConsentMode(raw: unknown, config: ConsentConfig, error: Report) {
  const wanted = raw === undefined ? config.services.some((s) => s.preset === 'google-analytics') : raw !== false;
  if (raw !== undefined && typeof raw !== 'boolean' && !isObject(raw)) {
    error('googleConsentMode', `must be true, false or { types: { analytics: ['analytics_storage'] } }, got ${describe(raw)}; using the default`);
  }
  if (!wanted) return;
  const types = { ...DEFAULT_CONSENT_TYPES };
  const custom = isObject(raw) ? raw.types : undefined;
  if (custom !== undefined) {
    if (!isObject(custom)) return error('googleConsentMode.types', `must map categories to consent types, got ${describe(custom)}; using the default`);
    for (const [category, list] of Object.entries(custom)) {
      const path = `googleConsentMode.types.${category}`;
      if (!config.categories.some((c) => c.id === category)) error(path, `"${category}" is not a category; ignored`);
      else if (!Array.isArray(list) || !list.every((t) => (CONSENT_TYPES as readonly unknown[]).includes(t))) {
        error(path, `must be a list of ${CONSENT_TYPES.join(', ')}; ignored`);
      } else types[category] = list as ConsentType[];
    }
  }
  config.googleConsentMode = types;
}

function readCookie(raw: unknown, config: ConsentConfig, error: Report, warn: Report) {
  if (!isObject(raw)) return error('cookie', `must be an object like { name, domain, path, expiresDays }, got ${describe(raw)}; using the defaults`);
  warnUnknownKeys(raw, COOKIE_KEYS, 'cookie', warn);
  const cookie = config.cookie;
  if (raw.name !== undefined) {
    if (typeof raw.name === 'string' && COOKIE_NAME_PATTERN.test(raw.name)) cookie.name = raw.name;
    else error('cookie.name', `must be a valid cookie name (letters, digits, "_", "-", no spaces), got ${describe(raw.name)}; using "${cookie.name}"`);
  }
  if (raw.domain !== undefined) {
    if (typeof raw.domain === 'string' && DOMAIN_PATTERN.test(raw.domain) && raw.domain.includes('.')) cookie.domain = raw.domain.replace(/^\./, '');
    else error('cookie.domain', `must be a domain name like "asmeronexa.de", got ${describe(raw.domain)}; the cookie stays on this host`);
  }
  if (raw.path !== undefined) {
    if (typeof raw.path === 'string' && /^\/[^;\s]*$/.test(raw.path)) cookie.path = raw.path;
    else error('cookie.path', `must start with "/" and contain no ";" or spaces, got ${describe(raw.path)}; using "/"`);
  }
  if (raw.expiresDays !== undefined) {
    const days = raw.expiresDays;
    if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0) {
      error('cookie.expiresDays', `must be a number of days from 1 to ${MAX_LIFETIME_DAYS}, got ${describe(days)}; using ${DEFAULT_LIFETIME_DAYS}`);
    } else if (days > MAX_LIFETIME_DAYS) {
      error('cookie.expiresDays', `must not exceed ${MAX_LIFETIME_DAYS} days (13 months), got ${days}; using ${MAX_LIFETIME_DAYS}`);
      cookie.expiresDays = MAX_LIFETIME_DAYS;
    } else cookie.expiresDays = days;
  }
}

function readTexts(raw: unknown, config: ConsentConfig, error: Report, warn: Report) {
  if (!isObject(raw)) return error('texts', `must be an object like { de: {…}, en: {…} }, got ${describe(raw)}; ignored`);
  for (const [lang, value] of Object.entries(raw)) {
    if (!LANGUAGES.includes(lang as Language)) {
      warn(`texts.${lang}`, `is not a supported language (de, en); ignored`);
    } else if (!isObject(value)) {
      error(`texts.${lang}`, `must be an object of texts, got ${describe(value)}; ignored`);
    } else config.texts[lang as Language] = value;
  }
}

function readCategories(raw: unknown, config: ConsentConfig, error: Report, warn: Report) {
  if (!isObject(raw)) return error('categories', `must be an object keyed by category id, got ${describe(raw)}; using the defaults`);
  for (const [id, value] of Object.entries(raw)) {
    const path = `categories.${id}`;
    if (!ID_PATTERN.test(id)) {
      error(path, `is not a valid category id (${ID_RULE}); category left out`);
      continue;
    }
    if (!isObject(value)) {
      error(path, `must be an object like { label, description, minorsAllowed }, got ${describe(value)}; category left out`);
      continue;
    }
    warnUnknownKeys(value, CATEGORY_KEYS, path, warn);
    let category = config.categories.find((c) => c.id === id);
    if (!category) {
      category = { id, required: false, minorsAllowed: false };
      config.categories.push(category);
    }
    for (const key of ['label', 'description'] as const) {
      if (value[key] === undefined) continue;
      if (isLocalized(value[key])) category[key] = value[key] as Localized;
      else error(`${path}.${key}`, `must be a string or { de, en } strings, got ${describe(value[key])}; ignored`);
    }
    if (!DEFAULT_CATEGORIES.some((c) => c.id === id) && category.label === undefined) {
      warn(`${path}.label`, `is missing: the settings show the id "${id}" instead; give { de: '…', en: '…' }`);
    }
    if (value.minorsAllowed !== undefined) {
      if (typeof value.minorsAllowed !== 'boolean') error(`${path}.minorsAllowed`, `must be true or false, got ${describe(value.minorsAllowed)}; ignored`);
      else if (category.required) warn(`${path}.minorsAllowed`, 'is ignored: session cookies are always on');
      else category.minorsAllowed = value.minorsAllowed;
    }
  }
}

function readServices(raw: unknown, config: ConsentConfig, error: Report, warn: Report) {
  if (!Array.isArray(raw)) return error('services', `must be an array of services, got ${describe(raw)}; no services`);
  const known = config.categories.map((c) => c.id);
  raw.forEach((value, index) => {
    const path = `services[${index}]`;
    if (!isObject(value)) return error(path, `must be an object like { id, category, … }, got ${describe(value)}; service left out`);
    const { id, category, preset } = value;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      return error(`${path}.id`, `is required: ${ID_RULE}, got ${describe(id)}; service left out (stays blocked)`);
    }
    if (config.services.some((s) => s.id === id)) {
      return error(`${path}.id`, `"${id}" is already used by an earlier service; ids must be unique; this one is left out (stays blocked)`);
    }
    if (typeof category !== 'string' || !known.includes(category)) {
      return error(`${path}.category`, `must be one of ${known.join(', ')} (or a category added under "categories"), got ${describe(category)}; service "${id}" left out (stays blocked)`);
    }
    const presetSpec = preset === undefined ? undefined : PRESETS[preset as PresetName];
    if (preset !== undefined && (typeof preset !== 'string' || !Object.prototype.hasOwnProperty.call(PRESETS, preset))) {
      return error(`${path}.preset`, `must be one of ${Object.keys(PRESETS).join(', ')}, got ${describe(preset)}; service "${id}" left out (stays blocked)`);
    }

    const service: Service = { id, category, src: [], cookies: [], storage: [], options: {} };
    if (presetSpec) {
      service.preset = preset as PresetName;
      for (const [name, spec] of Object.entries(presetSpec.options)) {
        const option = value[name];
        const rule = PRESET_OPTION_RULES[preset as PresetName][name];
        if (option === undefined) {
          if (spec.required) return error(`${path}.${name}`, `is required by preset "${preset}": ${rule}; service "${id}" left out (stays blocked)`);
        } else if ((typeof option === 'string' || typeof option === 'number') && spec.pattern.test(String(option))) {
          service.options[name] = String(option);
        } else {
          return error(`${path}.${name}`, `must be ${rule}, got ${describe(option)}; service "${id}" left out (stays blocked)`);
        }
      }
      for (const rule of presetSpec.cookies) service.cookies.push(compileCookieRule(rule)!);
    }
    warnUnknownKeys(value, [...SERVICE_KEYS, ...Object.keys(presetSpec?.options ?? {})], path, warn);

    for (const key of ['label', 'description', 'transferBasis', 'dataSent'] as const) {
      if (value[key] === undefined) continue;
      if (isLocalized(value[key])) service[key] = value[key] as Localized;
      else error(`${path}.${key}`, `must be a string or { de, en } strings, got ${describe(value[key])}; ignored`);
    }
    for (const key of ['provider', 'country'] as const) {
      if (value[key] === undefined) continue;
      if (typeof value[key] === 'string') service[key] = value[key] as string;
      else error(`${path}.${key}`, `must be a string, got ${describe(value[key])}; ignored`);
    }
    if (value.privacyPolicyUrl !== undefined) {
      if (typeof value.privacyPolicyUrl === 'string' && isSafeUrl(value.privacyPolicyUrl)) service.privacyPolicyUrl = value.privacyPolicyUrl;
      else error(`${path}.privacyPolicyUrl`, `must be an http(s) or relative URL, got ${describe(value.privacyPolicyUrl)}; the link is left out`);
    }
    if (value.src !== undefined) {
      const list = typeof value.src === 'string' ? [value.src] : value.src;
      if (!Array.isArray(list)) {
        error(`${path}.src`, `must be a URL or an array of URLs, got ${describe(value.src)}; no script is loaded for "${id}"`);
      } else {
        list.forEach((url, i) => {
          if (typeof url === 'string' && isSafeUrl(url)) service.src.push(url);
          else error(`${path}.src${typeof value.src === 'string' ? '' : `[${i}]`}`, `must be an http(s) or relative URL, got ${describe(url)}; not loaded`);
        });
      }
    }
    for (const key of ['cookies', 'storage'] as const) {
      const list = value[key];
      if (list === undefined) continue;
      const what = key === 'cookies' ? 'cookie' : 'storage key';
      if (!Array.isArray(list)) {
        error(`${path}.${key}`, `must be an array of ${what} names or "/regex/" strings, got ${describe(list)}; ignored`);
      } else {
        list.forEach((rule, i) => {
          const compiled = compileCookieRule(rule);
          if (compiled) service[key].push(compiled);
          else error(`${path}.${key}[${i}]`, `must be a ${what} name, a "/regex/" string or { name, paths: ["/…"], lifetime }, got ${describe(rule)}; ignored`);
        });
      }
    }
    for (const key of ['onAccept', 'onReject'] as const) {
      if (value[key] === undefined) continue;
      if (typeof value[key] === 'function') service[key] = value[key] as () => void;
      else error(`${path}.${key}`, `must be a function (strings are never evaluated), got ${describe(value[key])}; ignored`);
    }
    // A tracker is never strictly necessary: refused in `session` (see core/trackers.ts).
    if (trackerInSession(service)) {
      return error(
        `${path}.category`,
        `"${id}" contacts known tracking hosts (${trackerHosts(service).join(', ')}) and cannot be a session service; choose analytics or another optional category; left out (stays blocked)`,
      );
    }
    config.services.push(service);
  });
}

/** `"_ga"` → exact name; `"/^_ga_/"` or `"/^_hj/i"` → RegExp; invalid → null. */
export function compileCookieRule(input: unknown): CookieRule | null {
  let name: unknown = input;
  let paths: string[] = [];
  let lifetime: Localized | number | undefined;
  let displayName: unknown;
  if (isObject(input)) {
    ({ name, displayName } = input);
    if (input.paths !== undefined) {
      if (!Array.isArray(input.paths) || !input.paths.every((p) => typeof p === 'string' && /^\/[^;\s]*$/.test(p))) return null;
      paths = input.paths as string[];
    }
    if (input.lifetime !== undefined) {
      const days = input.lifetime;
      if (!isLocalized(days) && !(typeof days === 'number' && days > 0 && days < 1e5)) return null;
      lifetime = days as Localized | number;
    }
    if (displayName !== undefined && typeof displayName !== 'string') return null;
  }
  if (typeof name !== 'string' || name === '') return null;
  const rule = (pattern: string | RegExp): CookieRule => ({
    name: pattern, paths, displayName: (displayName as string | undefined) ?? (name as string), ...(lifetime ? { lifetime } : {}),
  });
  const regex = /^\/(.+)\/(i?)$/.exec(name);
  if (regex) {
    try {
      return rule(new RegExp(regex[1], regex[2]));
    } catch {
      return null;
    }
  }
  return COOKIE_NAME_PATTERN.test(name) ? rule(name) : null;
}

export function cookieRuleMatches(rule: CookieRule, cookieName: string): boolean {
  return typeof rule.name === 'string' ? rule.name === cookieName : rule.name.test(cookieName);
}

function warnUnknownKeys(obj: Record<string, unknown>, allowed: string[], path: string, warn: Report, separator = '.') {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = closest(key, allowed);
    const where = path === 'config' ? key : `${path}${separator}${key}`;
    warn(where, `is not a known option${hint ? ` (did you mean "${hint}"?)` : ''}; ignored. Known: ${allowed.join(', ')}`);
  }
}

/** A close spelling among `options` (case-insensitive, edit distance ≤ 2), for "did you mean". */
function closest(key: string, options: string[]): string | undefined {
  const a = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const d = editDistance(a, option.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function isLocalized(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return isObject(value) && Object.entries(value).every(([k, v]) => LANGUAGES.includes(k as Language) && typeof v === 'string');
}

/** A config string in the given language, falling back to German, then English. */
export function localize(value: Localized | undefined, lang: Language): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? value.de ?? value.en ?? '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe description of a bad value for an error message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}
