// The sentences behind the config rules' finding codes (src/core/config-rules.ts): what the
// path must be, what it got, and what the widget does instead. Only the diagnostics chunk and
// the ES module carry them; consent.js knows the codes alone.

import { CONSENT_TYPES, DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, defaultConfig, type ConsentConfig, type Problem } from '../core/config';
import type { Finding } from '../core/config-rules';
import { closest } from './spelling';

/** What a preset option must look like, in words, by preset and option name. */
export type OptionHelp = Record<string, Record<string, string>>;

const ID_RULE = '1–40 letters, digits, "-" or "_", starting with a letter or digit';
const LEFT_OUT = (id: string) => `service "${id}" left out (stays blocked)`;
type Text = (got: string, details: string[], value: unknown) => string;

const TEXTS: Record<string, Text> = {
  config: (got) => `must be an object, got ${got}; using the defaults, everything optional stays blocked`,
  'config.revision': (got) => `must be a whole number ≥ 0, got ${got}; no stored choice counts until it is fixed`,
  'config.language': (got) => `must be "de", "en" or "auto", got ${got}; using "auto"`,
  'config.privacyPolicyUrl': (got) => `must be an http(s) or relative URL, got ${got}; the link is left out`,
  'config.nonce': (got) => `must be a base64 string, got ${got}; ignored`,
  'config.receipts': (got) => `must be { endpoint: '/api/consent-receipts' } (an http(s) or relative URL), got ${got}; no receipts are sent`,
  'config.policyVersion': (got) => `must be a short string like "2026-11", got ${got}; ignored`,
  'config.theme': (got) => `must be "auto", "light" or "dark", got ${got}; using "auto"`,
  'config.user': (got) => `must be { minor: true | false }, got ${got}; ignored`,
  'config.googleConsentMode': (got) => `must be true, false or { types: { analytics: ['analytics_storage'] } }, got ${got}; using the default`,
  'googleConsentMode.types': (got) => `must map categories to consent types, got ${got}; using the default`,
  'googleConsentMode.types.category': (_, __, value) => `"${String(value)}" is not a category; ignored`,
  'googleConsentMode.types.list': () => `must be a list of ${CONSENT_TYPES.join(', ')}; ignored`,
  'config.cookie': (got) => `must be an object like { name, domain, path, expiresDays }, got ${got}; using the defaults`,
  'cookie.name': (got) => `must be a valid cookie name (letters, digits, "_", "-", no spaces), got ${got}; using "${defaultConfig().cookie.name}"`,
  'cookie.domain': (got) => `must be a domain name like "asmeronexa.de", got ${got}; the cookie stays on this host`,
  'cookie.path': (got) => `must start with "/" and contain no ";" or spaces, got ${got}; using "/"`,
  'cookie.expiresDays': (got) => `must be a number of days from 1 to ${MAX_LIFETIME_DAYS}, got ${got}; using ${DEFAULT_LIFETIME_DAYS}`,
  'cookie.expiresDays:max': (got) => `must not exceed ${MAX_LIFETIME_DAYS} days (13 months), got ${got}; using ${MAX_LIFETIME_DAYS}`,
  'config.texts': (got) => `must be an object like { de: {…}, en: {…} }, got ${got}; ignored`,
  'texts.language': () => 'is not a supported language (de, en); ignored',
  'texts.entry': (got) => `must be an object of texts, got ${got}; ignored`,
  'config.categories': (got) => `must be an object keyed by category id, got ${got}; using the defaults`,
  'categories.id': () => `is not a valid category id (${ID_RULE}); category left out`,
  'categories.entry': (got) => `must be an object like { label, description, minorsAllowed }, got ${got}; category left out`,
  'categories.label': (got) => `must be a string or { de, en } strings, got ${got}; ignored`,
  'categories.label:missing': (_, [id]) => `is missing: the settings show the id "${id}" instead; give { de: '…', en: '…' }`,
  'categories.minorsAllowed': (got) => `must be true or false, got ${got}; ignored`,
  'categories.minorsAllowed:session': () => 'is ignored: session cookies are always on',
  'config.services': (got) => `must be an array of services, got ${got}; no services`,
  'services.entry': (got) => `must be an object like { id, category, … }, got ${got}; service left out`,
  'services.id': (got) => `is required: ${ID_RULE}, got ${got}; service left out (stays blocked)`,
  'services.id:taken': (_, [id]) => `"${id}" is already used by an earlier service; ids must be unique; this one is left out (stays blocked)`,
  'services.category': (got, [id, known]) => `must be one of ${known} (or a category added under "categories"), got ${got}; ${LEFT_OUT(id)}`,
  'services.category:tracker': (_, [id, hosts]) =>
    `"${id}" contacts known tracking hosts (${hosts}) and cannot be a session service; choose analytics or another optional category; left out (stays blocked)`,
  'services.country': (got) => `must be a string, got ${got}; ignored`,
  'services.preset': (got, [id, known]) => `must be one of ${known}, got ${got}; ${LEFT_OUT(id)}`,
  'services.label': (got) => `must be a string or { de, en } strings, got ${got}; ignored`,
  'services.provider': (got) => `must be a string, got ${got}; ignored`,
  'services.privacyPolicyUrl': (got) => `must be an http(s) or relative URL, got ${got}; the link is left out`,
  'services.src': (got, [id]) => `must be a URL or an array of URLs, got ${got}; no script is loaded for "${id}"`,
  'services.src[]': (got) => `must be an http(s) or relative URL, got ${got}; not loaded`,
  'services.cookies': (got) => `must be an array of cookie names or "/regex/" strings, got ${got}; ignored`,
  'services.storage': (got) => `must be an array of storage keys or "/regex/" strings, got ${got}; ignored`,
  'services.storage[]': (got) => `must be a localStorage / sessionStorage key or a "/regex/" string, got ${got}; ignored`,
  'config.floatingButton': (got) => `must be true, false or "label" (the button with its text), got ${got}; using true`,
  'services.cookies[]': (got) => `must be a cookie name, a "/regex/" string (without nested quantifiers) or { name, paths: ["/…"], lifetime }, got ${got}; ignored`,
  'services.onAccept': (got) => `must be a function (strings are never evaluated), got ${got}; ignored`,
};
// Rules that share a text.
for (const [code, same] of [
  ['config.imprintUrl', 'config.privacyPolicyUrl'], ['categories.description', 'categories.label'], ['services.description', 'services.label'], ['services.transferBasis', 'services.label'], ['services.dataSent', 'services.label'],
  ['services.onReject', 'services.onAccept'], ['user.minor', 'categories.minorsAllowed'], ['receipts.allowCrossOrigin', 'categories.minorsAllowed'], ['receipts.endpoint', 'config.receipts'],
] as const) TEXTS[code] = TEXTS[same];
for (const key of ['reloadOnWithdraw', 'blocking', 'respectGpc'] as const) {
  TEXTS[`config.${key}`] = (got) => `must be true or false, got ${got}; using ${defaultConfig()[key satisfies keyof ConsentConfig]}`;
}

/** A finding as a sentence, the way validateConfig reports it. */
export function explainFinding(finding: Finding, optionHelp: OptionHelp): Problem {
  const { level, code, path, value, details = [] } = finding;
  const got = describeValue(value);
  let message: string;
  if (code === 'unknown-key') {
    const hint = closest(String(value), details);
    message = `is not a known option${hint ? ` (did you mean "${hint}"?)` : ''}; ignored. Known: ${details.join(', ')}`;
  } else if (code === 'services.option' || code === 'services.option:missing') {
    const [id, preset, name] = details;
    const rule = optionHelp[preset]?.[name] ?? 'a valid value';
    message = code === 'services.option' ? `must be ${rule}, got ${got}; ${LEFT_OUT(id)}` : `is required by preset "${preset}": ${rule}; ${LEFT_OUT(id)}`;
  } else message = (TEXTS[code] ?? (() => `is not valid (${code}), got ${got}; ignored`))(got, details, value);
  return { level, path, message };
}

/** A short, safe description of a bad value for an error message. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}
