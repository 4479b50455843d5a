// Matomo with its consent API (Matomo's "JavaScript tracking client" consent functions), built
// from url and siteId. Everything about this vendor is here; its texts are `presets.matomo` in
// locales/*.json.
//   require-consent (default): matomo.js is requested only after consent, and `requireConsent`
//     comes before `trackPageView`, so nothing is sent even where a page loads matomo.js itself.
//   cookieless-until-consent: cookieless tracking first, cookies after consent.
//   cookieless: never cookies (a data-protection officer's decision).
// In the cookieless modes an explicit refusal is an objection: nothing is tracked at all.

import type { Service } from '../core/config';
import type { Permissions } from '../core/policy';
import { HTTP_URL, type Preset, type PresetContext, type PresetRuntime } from './preset';

export const matomo: Preset = {
  options: {
    url: { required: true, pattern: HTTP_URL },
    siteId: { required: true, pattern: /^\d{1,9}$/ },
    mode: { required: false, pattern: /^(require-consent|cookieless-until-consent|cookieless)$/ },
  },
  // Their lifetimes are in facts.ts: only the settings show them.
  cookies: [{ name: '/^_pk_id/', displayName: '_pk_id.*' }, { name: '/^_pk_ses/', displayName: '_pk_ses.*' }, '/^_pk_/', '/^mtm_/'],
  runtime: matomoRuntime,
  // forgetConsentGiven stops a running matomo.js from tracking.
  stopsItself: true,
};

/** What each option must look like, in words: for the diagnostics' messages only. */
export const matomoHelp = {
  url: 'the Matomo base URL (http(s) or a path)',
  siteId: 'the Matomo site ID, a whole number',
  mode: '"require-consent" (the default), "cookieless-until-consent" or "cookieless"',
};

export type MatomoCommand = [string, ...unknown[]];

/** Pure: the commands queued at start, before anything is tracked. */
export function setupCommands(service: Service): MatomoCommand[] {
  const base = service.options.url.endsWith('/') ? service.options.url : `${service.options.url}/`;
  const guard: MatomoCommand = [
    ({ 'require-consent': 'requireConsent', 'cookieless-until-consent': 'requireCookieConsent', cookieless: 'disableCookies' } as const)[
      (service.options.mode ?? 'require-consent') as 'require-consent'
    ],
  ];
  return [guard, ['setTrackerUrl', `${base}matomo.php`], ['setSiteId', service.options.siteId], ['trackPageView'], ['enableLinkTracking']];
}

/**
 * Pure: what to push when the service becomes allowed or not. Withdrawal in a cookieless mode
 * is an objection too: `forgetConsentGiven` (which requires consent again) stops all tracking.
 */
export function consentCommands(service: Service, allowed: boolean): MatomoCommand[] {
  switch (service.options.mode ?? 'require-consent') {
    case 'require-consent':
      return [[allowed ? 'setConsentGiven' : 'forgetConsentGiven']];
    case 'cookieless-until-consent':
      return allowed ? [['setCookieConsentGiven']] : [['forgetCookieConsentGiven'], ['forgetConsentGiven']];
    default:
      return allowed ? [] : [['forgetConsentGiven']];
  }
}

function matomoRuntime(service: Service, { win, loadScript }: PresetContext): PresetRuntime {
  // Looked up each time: once loaded, matomo.js replaces the _paq array with its own object.
  const push = (commands: MatomoCommand[]) => {
    const paq = ((win as unknown as { _paq?: { push(...c: MatomoCommand[]): unknown } })._paq ??= []);
    paq.push(...commands);
  };
  const script = `${service.options.url.replace(/\/?$/, '/')}matomo.js`;
  const cookieless = (service.options.mode ?? 'require-consent') !== 'require-consent';
  let setUp = false;
  const setUpOnce = () => {
    if (!setUp) push(setupCommands(service));
    setUp = true;
  };
  return {
    start(permissions, decided) {
      const allowed = permissions.services[service.id];
      if (decided && !allowed && cookieless) return; // an objection: no tracking, not even without cookies
      setUpOnce();
      if (allowed) push(consentCommands(service, true));
      if (allowed || cookieless) loadScript(script);
    },
    update(permissions: Permissions, before: Permissions) {
      const allowed = permissions.services[service.id];
      if (allowed === before.services[service.id]) return;
      if (!setUp && !allowed) return; // never set up, nothing to withdraw
      setUpOnce();
      push(consentCommands(service, allowed));
      if (allowed) loadScript(script);
    },
  };
}
