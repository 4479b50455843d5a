// Config: the TypeScript shape a site developer writes, the normalized shape the widget runs
// on, and the constants both share. The rules that turn the one into the other are a table in
// config-rules.ts; the texts that explain a broken rule come with the diagnostics chunk.

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
  preset?: string;
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
  /** localStorage / sessionStorage keys its scripts write (names or `/regex/`): removed likewise. */
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
  /** Show the small "Cookie-Einstellungen" button after a decision (default true); `'label'` shows its text too. */
  floatingButton?: boolean | 'label';
  /** Colour scheme of the UI: follow the system (default), or force one. */
  theme?: 'auto' | 'light' | 'dark';
  /**
   * Google Consent Mode v2 in window.dataLayer: on by default with a google-analytics service;
   * `true` for Tag Manager sites without one; an object maps categories to consent types.
   */
  googleConsentMode?: boolean | { types?: Record<string, ConsentType[]> };
  /** Honour the browser's Global Privacy Control signal (default true). */
  respectGpc?: boolean;
  /** Post a consent receipt to this first-party endpoint on every decision (another origin only with allowCrossOrigin). */
  receipts?: { endpoint: string; allowCrossOrigin?: boolean };
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
  preset?: string;
  label?: Localized;
  description?: Localized;
  provider?: string;
  privacyPolicyUrl?: string;
  src: string[];
  cookies: CookieRule[];
  /** localStorage / sessionStorage keys, removed when the service is rejected or withdrawn. */
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
  floatingButton: boolean | 'label';
  theme: 'auto' | 'light' | 'dark';
  /** null: no Consent Mode; else the category → consent types mapping in force. */
  googleConsentMode: Record<string, ConsentType[]> | null;
  respectGpc: boolean;
  receipts: { endpoint: string; allowCrossOrigin?: true } | null;
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
export const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const NONCE_PATTERN = /^[A-Za-z0-9+/_=-]+$/;
export const DOMAIN_PATTERN = /^\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export const DEFAULT_CATEGORIES: Category[] = [
  { id: 'session', required: true, minorsAllowed: true },
  { id: 'analytics', required: false, minorsAllowed: false },
  { id: 'functional', required: false, minorsAllowed: true },
];

/**
 * What the config rules need to know of a vendor preset: the options it takes and the cookies it
 * sets. The presets themselves (src/vendors/) hold this next to their runtime and are handed
 * to the rules, so the core never imports a vendor.
 */
export interface PresetSpec {
  options: Record<string, { required: boolean; pattern: RegExp }>;
  cookies: CookieRuleInput[];
}

/** Default Consent Mode mapping (standards §1.1); `security_storage` is always granted. */
export const DEFAULT_CONSENT_TYPES: Record<string, ConsentType[]> = {
  analytics: ['analytics_storage'],
  functional: ['functionality_storage', 'personalization_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

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
