// The widget's config as the audit sees it: which services there are, which hosts each one may
// contact, which cookies and storage keys each one declares.
//
// Preferred source: `window.asmeronexaConsent.config` (the normalized config, read in the page and
// serialized there: a RegExp becomes { regex: source, flags }). Widgets that do not expose it yet
// fall back to the raw config (`window.asmeronexaConsentConfig` or the `data-config` JSON), which
// is normalized here the same way the widget does for what the audit needs (ids, categories,
// presets with their known cookies, src, cookies, storage). Anything it cannot read is left out,
// which can only make the audit stricter (an undeclared cookie is a finding), never laxer.

export const DEFAULT_CONSENT_COOKIE = 'asmeronexa_consent';
/** The widget's own storage: the receipt outbox and the tab's flags (minor, saved). Strictly necessary, like the consent cookie. */
export const WIDGET_STORAGE = [
  { store: 'localStorage', key: 'asmeronexa-consent:outbox' },
  { store: 'sessionStorage', key: 'asmeronexa-consent:tab' },
];
/** The widget's own cookies: the consent cookie and the hint that a tab holds flags (the name plus `_tab`). */
export const widgetCookies = (consentCookie) => [consentCookie, `${consentCookie}_tab`];
export const DEFAULT_CATEGORIES = ['session', 'analytics', 'functional'];

/** Cookies each preset is known to set (mirrors the widget's PRESETS in src/core/config.ts). */
const PRESET_COOKIES = {
  'google-analytics': ['_ga', '/^_ga_/', '_gid', '/^_gat/', '/^_dc_gtm_/', '/^_gac_/'],
  matomo: ['/^_pk_id/', '/^_pk_ses/', '/^_pk_/', '/^mtm_/'],
};

/**
 * Hosts a preset may contact besides those in its options: Google's for GA4 (gtag.js, collect
 * endpoints in every region, the Signals endpoint). A leading "*." also matches the bare domain.
 */
export const PRESET_HOSTS = {
  'google-analytics': ['*.googletagmanager.com', '*.google-analytics.com', '*.analytics.google.com', 'stats.g.doubleclick.net'],
  matomo: [],
};

/** A rule from the page (string, "/regex/" string, { regex, flags }, or { name: … }) → matcher. */
export function compileRule(rule) {
  if (rule && typeof rule === 'object' && 'name' in rule && !('regex' in rule)) return compileRule(rule.name);
  if (rule && typeof rule === 'object' && typeof rule.regex === 'string') {
    try {
      return { text: `/${rule.regex}/${rule.flags ?? ''}`, re: new RegExp(rule.regex, String(rule.flags ?? '').replace(/[gy]/g, '')) };
    } catch {
      return null;
    }
  }
  if (typeof rule !== 'string' || rule === '') return null;
  const m = /^\/(.+)\/([a-z]*)$/.exec(rule);
  if (m) {
    try {
      return { text: rule, re: new RegExp(m[1], m[2].replace(/[gy]/g, '')) };
    } catch {
      return null;
    }
  }
  return { text: rule, exact: rule };
}

/** @param {{exact?: string, re?: RegExp}} rule */
export const ruleMatches = (rule, name) => (rule.re ? rule.re.test(name) : rule.exact === name);

const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Host of a URL as written in a config or markup (relative URLs are on the page's host). */
export function hostOf(url, base) {
  try {
    return new URL(String(url), base).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Turns what the page gave us into the audit's view of the config.
 * @param {{ source: string, config?: any, raw?: any, markup?: any[] }} read  what readConfig() in the page returned
 * @param {string} pageUrl
 */
export function auditConfig(read, pageUrl) {
  const source = read?.source ?? 'none';
  const input = read?.config ?? read?.raw;
  const obj = input && typeof input === 'object' ? input : {};
  const categories = new Map(DEFAULT_CATEGORIES.map((id) => [id, { id, required: id === 'session' }]));
  if (Array.isArray(obj.categories)) {
    for (const c of obj.categories) if (c && typeof c.id === 'string') categories.set(c.id, { id: c.id, required: c.required === true || c.id === 'session' });
  } else if (obj.categories && typeof obj.categories === 'object') {
    for (const id of Object.keys(obj.categories)) if (!categories.has(id)) categories.set(id, { id, required: false });
  }

  const services = [];
  for (const s of list(obj.services)) {
    if (!s || typeof s.id !== 'string' || typeof s.category !== 'string' || !categories.has(s.category)) continue;
    if (services.some((x) => x.id === s.id)) continue;
    const preset = typeof s.preset === 'string' && s.preset in PRESET_COOKIES ? s.preset : undefined;
    // The normalized config has preset options under `options` and preset cookies already in `cookies`.
    const options = source === 'page-api' ? { ...(s.options ?? {}) } : Object.fromEntries(['measurementId', 'gtagUrl', 'url', 'siteId', 'mode'].filter((k) => s[k] !== undefined).map((k) => [k, String(s[k])]));
    const cookieInputs = [...list(s.cookies)];
    if (preset && source !== 'page-api') cookieInputs.unshift(...PRESET_COOKIES[preset]);
    const cookies = cookieInputs.map(compileRule).filter(Boolean);
    const storage = list(s.storage).map(compileRule).filter(Boolean);
    const src = list(s.src).filter((u) => typeof u === 'string');
    const hosts = new Set();
    for (const u of src) {
      const h = hostOf(u, pageUrl);
      if (h) hosts.add(h);
    }
    if (preset === 'google-analytics') {
      PRESET_HOSTS['google-analytics'].forEach((h) => hosts.add(h));
      if (options.gtagUrl) {
        const h = hostOf(options.gtagUrl, pageUrl);
        if (h) hosts.add(h);
      }
    }
    if (preset === 'matomo' && options.url) {
      const h = hostOf(options.url, pageUrl);
      if (h) hosts.add(h);
    }
    const urls = [...src, ...(preset === 'matomo' && options.url ? [options.url] : []), ...(preset === 'google-analytics' && options.gtagUrl ? [options.gtagUrl] : [])]
      .map((u) => absolute(u, pageUrl)).filter(Boolean);
    services.push({
      id: s.id,
      category: s.category,
      required: categories.get(s.category).required,
      preset,
      label: typeof s.label === 'string' ? s.label : (s.label?.de ?? s.label?.en),
      options,
      src,
      urls,
      cookies,
      storage,
      storageDeclared: s.storage !== undefined,
      hosts,
    });
  }

  // Blocked markup: its hosts belong to the service it names, else to its category.
  const markup = [];
  for (const m of list(read?.markup)) {
    const host = hostOf(m.src, pageUrl);
    if (!host) continue;
    markup.push({ ...m, host, src: absolute(m.src, pageUrl) });
    const service = services.find((s) => s.id === m.service);
    if (service) {
      service.hosts.add(host);
      service.urls.push(absolute(m.src, pageUrl));
    }
  }

  const cookie = obj.cookie && typeof obj.cookie === 'object' ? obj.cookie : {};
  // The widget's own receipt endpoint (Art. 7(1) proof of consent) may be on another host.
  const receiptsHost = typeof obj.receipts?.endpoint === 'string' ? hostOf(obj.receipts.endpoint, pageUrl) : null;
  return {
    receiptsHost,
    source,
    consentCookie: typeof cookie.name === 'string' && cookie.name ? cookie.name : DEFAULT_CONSENT_COOKIE,
    revision: obj.revision,
    categories: [...categories.values()],
    services,
    markup,
    widgetVersion: read?.version,
  };
}

function absolute(url, base) {
  try {
    return new URL(String(url), base).href;
  } catch {
    return null;
  }
}

/** "*.example.com" matches example.com and every subdomain; "example.com" only itself. */
export function hostMatches(pattern, host) {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) return host === p.slice(2) || host.endsWith(p.slice(1));
  if (p.startsWith('.')) return host === p.slice(1) || host.endsWith(p);
  return host === p;
}

/** Which categories (and services) a host belongs to: services' hosts, and markup without a service by its category. */
export function servicesForHost(config, host) {
  const names = [];
  for (const s of config.services) if ([...s.hosts].some((p) => hostMatches(p, host))) names.push(s.id);
  for (const m of config.markup) if (!m.service && m.host === host) names.push(`category:${m.category}`);
  return [...new Set(names)];
}

/** Whether a host may be contacted without a decision: hosts of `session` services and markup. */
export function sessionHost(config, host) {
  if (config.services.some((s) => s.required && [...s.hosts].some((p) => hostMatches(p, host)))) return true;
  return config.markup.some((m) => m.host === host && (m.category === 'session' || config.services.some((s) => s.id === m.service && s.required)));
}

export function declaredHost(config, host) {
  return servicesForHost(config, host).length > 0 || sessionHost(config, host);
}

/** The services whose cookie rules match a cookie name. */
export const cookieOwners = (config, name) => config.services.filter((s) => s.cookies.some((r) => ruleMatches(r, name)));
export const storageOwners = (config, key) => config.services.filter((s) => s.storage.some((r) => ruleMatches(r, key)));

/** A summary for the reports (plain JSON). */
export function configSummary(config) {
  return {
    source: config.source,
    widgetVersion: config.widgetVersion ?? null,
    revision: config.revision ?? null,
    consentCookie: config.consentCookie,
    receiptsHost: config.receiptsHost ?? null,
    categories: config.categories,
    services: config.services.map((s) => ({
      id: s.id,
      category: s.category,
      preset: s.preset ?? null,
      label: s.label ?? null,
      src: s.src,
      hosts: [...s.hosts],
      cookies: s.cookies.map((r) => r.text),
      storage: s.storage.map((r) => r.text),
    })),
    blockedMarkup: config.markup.map(({ tag, src, host, service, category }) => ({ tag, src, host, service: service ?? null, category: category ?? null })),
  };
}
