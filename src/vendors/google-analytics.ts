// Google Analytics 4 with Google Consent Mode v2 (Google's "Consent mode" developer guide).
// Basic mode (default): gtag.js is requested only after consent. Every dataLayer entry is an
// `arguments` object: gtag.js silently ignores arrays. Everything about this vendor is here:
// its options, its cookies, what it does on the page; its texts are `presets.google-analytics`
// in locales/*.json.

import { CONSENT_TYPES, type ConsentType, type Service } from '../core/config';
import type { Permissions } from '../core/policy';
import { HTTP_URL, type Preset, type PresetContext, type PresetRuntime } from './preset';

export const googleAnalytics: Preset = {
  options: {
    measurementId: { required: true, pattern: /^G-[A-Z0-9]{4,20}$/ },
    mode: { required: false, pattern: /^(basic|advanced)$/ },
    gtagUrl: { required: false, pattern: HTTP_URL },
  },
  // Their lifetimes, country and hosts are in facts.ts: only the settings show them.
  cookies: ['_ga', { name: '/^_ga_/', displayName: '_ga_<ID>' }, '_gid', { name: '/^_gat/', displayName: '_gat*' }, '/^_dc_gtm_/', '/^_gac_/'],
  runtime: googleAnalyticsRuntime,
  // ga-disable-<ID> and the Consent Mode update stop a running gtag.js.
  stopsItself: true,
};

/** What each option must look like, in words: for the diagnostics' messages only. */
export const googleAnalyticsHelp = {
  measurementId: 'a GA4 measurement ID like "G-ABC123XYZ"',
  mode: '"basic" (gtag.js only after consent; the default) or "advanced"',
  gtagUrl: 'the gtag.js URL, if not Google\'s (a first-party proxy)',
};

export type ConsentState = Record<ConsentType, 'granted' | 'denied'>;

/** Pure: the state of all seven consent types for these categories. */
export function consentState(categories: Record<string, boolean>, types: Record<string, ConsentType[]>): ConsentState {
  const state = Object.fromEntries(CONSENT_TYPES.map((t) => [t, 'denied'])) as ConsentState;
  state.security_storage = 'granted';
  for (const [category, list] of Object.entries(types)) if (categories[category]) for (const t of list) state[t] = 'granted';
  return state;
}

/** gtag() as Google defines it: it must push the Arguments object itself. */
export function gtagFor(win: Window): (...args: unknown[]) => void {
  const dataLayer = (win.dataLayer ??= []);
  return function gtag() {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  };
}

/** Consent Mode only (Tag Manager sites): defaults first, then every decision. */
export function consentMode(win: Window, types: Record<string, ConsentType[]>): PresetRuntime {
  const gtag = gtagFor(win);
  return {
    start(permissions, decided) {
      gtag('consent', 'default', { ...consentState({}, types), wait_for_update: 500 });
      if (decided) gtag('consent', 'update', consentState(permissions.categories, types));
    },
    update(permissions) {
      gtag('consent', 'update', consentState(permissions.categories, types));
    },
  };
}

/** The GA4 tag itself: loaded on consent (or at once in advanced mode), disabled on withdrawal. */
function googleAnalyticsRuntime(service: Service, { win, loadScript }: PresetContext): PresetRuntime {
  const id = service.options.measurementId;
  const gtag = gtagFor(win);
  const flags = win as unknown as Record<string, boolean>;
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    loadScript(service.options.gtagUrl ?? `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(id)}`);
    gtag('js', new Date());
    gtag('config', id);
  };
  const apply = (permissions: Permissions) => {
    const allowed = permissions.services[service.id];
    // Google's opt-out switch: stops a running gtag.js from setting cookies or sending data.
    flags[`ga-disable-${id}`] = !allowed;
    if (allowed || service.options.mode === 'advanced') load();
  };
  return { start: apply, update: apply };
}
