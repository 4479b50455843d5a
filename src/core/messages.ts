// What the widget says in the console at run time, by code. consent.js itself carries only the
// codes: the texts come with consent-check.js, which it loads the first time there is
// something to say (a page that runs cleanly never downloads them). The ES module has them
// built in and logs at once.

const MESSAGES = {
  // Markup and the page
  'markup-service': (id: string) => `data-service="${id}" is not a service in the config; that markup stays blocked`,
  'markup-mismatch': (id: string, own: string, given: string) =>
    `data-service="${id}" belongs to category "${own}", not data-category="${given}"; the service's consent decides`,
  'markup-category': (category: string, known: string) => `data-category="${category}" is not a category (${known}); that markup stays blocked`,
  'unsafe-url': (element: string, src: string) => `${element} data-src ${JSON.stringify(src)} is not an http(s) or relative URL; it stays blocked`,
  'script-failed': (src: string) => `could not load ${src}; the next blocked scripts run anyway`,
  'markup-nonce': (src: string) => `a blocked script (${src}) lacks the page's nonce; it stays blocked`,
  'markup-type': (type: string) => `data-type="${type}" is not a script type; that script stays blocked`,
  'placeholder-failed': (error: string) => `the placeholder for a blocked embed could not be loaded (${error}); the embed stays blocked`,
  // Code the site gave us
  'listener-threw': (event: string, error: string) => `a "${event}" listener threw: ${error}`,
  'preset-failed': (error: string) => `a vendor preset failed: ${error}; the others go on`,
  'hook-threw': (id: string, hook: string, error: string) => `service "${id}": ${hook} threw: ${error}; the other services go on`,
  // Page API calls
  'expects-object': (what: string) => `${what} expects an object like { analytics: true }; nothing was changed`,
  'unknown-key': (what: string, key: string, known: string) => `${what}: "${key}" is not known (${known}); ignored`,
  'not-boolean': (what: string, key: string) => `${what}: "${key}" must be true or false; ignored`,
  'set-user': () => 'setUser expects { minor: true | false }; ignored',
  'no-ui': () => 'no UI is attached (pass showUi to createConsent): show(), hide() and showPreferences() have no visible effect',
  // The browser
  'cookie-not-stored': (name: string, domain: string) =>
    `The choice could not be stored in the cookie "${name}"${domain ? ` for domain "${domain}"` : ''} ` +
    '(cookies blocked, or a domain this page cannot use). It holds for this page view only.',
  'ui-failed': (error: string) => `the banner UI is not available (${error}); everything optional stays blocked`,
  'locale-failed': (url: string, error: string) => `could not load ${url} (${error}); showing German texts`,
  // Starting up
  'twice': () => 'consent.js is included more than once on this page; only the first one runs',
  'both-configs': () => 'both data-config and a global asmeronexaConsentConfig are set; using data-config',
  'config-url': (url: string) => `data-config ${JSON.stringify(url)} is not a URL; everything optional stays blocked`,
  'config-origin': (origin: string) => `data-config must be on this site's origin, got ${origin}; everything optional stays blocked`,
  'config-fetch': (url: string, error: string) => `could not load the config from ${url} (${error}); everything optional stays blocked`,
  'receipts-origin': (url: string) => `receipts.endpoint ${url} is on another origin and allowCrossOrigin is not set; no receipts are sent`,
  'receipts-failed': (error: string) => `consent-receipts.js could not be loaded (${error}); this page view's receipts are tried again with its next decision (lost if the learner leaves first)`,
} satisfies Record<string, (...details: string[]) => string>;

export type MessageCode = keyof typeof MESSAGES;
export type Level = 'error' | 'warn' | 'info';

/** Says something in the console: a level, a code, and the details its text needs. */
export type Say = (level: Level, code: MessageCode, ...details: string[]) => void;

/** A code's text: at once (the ES module), or once consent-check.js has come (consent.js). */
export type Describe = (code: MessageCode, details: string[]) => string | Promise<string>;

export const describe = (code: MessageCode, details: string[]): string =>
  (MESSAGES[code] as (...details: string[]) => string)(...details);

/** What a code says when its text cannot be had: still the code and its details. */
export const bareMessage = (code: MessageCode, details: string[]): string =>
  `${code}${details.length ? ` (${details.join('; ')})` : ''}: see "Console messages" in the README`;
