// The page-facing side: `window.asmeronexaConsent`, the DOM events, the dataLayer entry for
// tag managers, `[data-consent-open]` links (the settings) and `[data-consent-withdraw]` links
// (every optional consent withdrawn in one click, and a short confirmation).

import type { ChangeEvent, Consent, ConsentApi } from '../contracts';

export const READY_EVENT = 'asmeronexa-consent:ready';
export const CHANGE_EVENT = 'asmeronexa-consent:change';
export const DATALAYER_EVENT = 'asmeronexa_consent_update';

declare global {
  interface Window {
    asmeronexaConsent?: PageApi;
    asmeronexaConsentConfig?: unknown;
    dataLayer?: unknown[];
  }
}

/** What `window.asmeronexaConsent` offers (contract §6). */
export type PageApi = Pick<
  ConsentApi,
  | 'show' | 'hide' | 'showPreferences' | 'acceptAll' | 'rejectAll' | 'setConsent' | 'isAccepted'
  | 'isServiceAccepted' | 'getConsent' | 'setUser' | 'reset' | 'version'
> & {
  /** The normalized config the widget runs on (absent while the widget cannot run). */
  readonly config?: ConsentApi['config'];
  /** `ready` listeners get the consent (null before a decision); `change` listeners get the consent and what changed. */
  on(event: 'ready' | 'change', listener: (consent: Consent | null, change?: ChangeEvent) => void): () => void;
};

export function installPageApi(win: Window, api: ConsentApi): PageApi {
  const announce = (name: string, consent: Consent | null, trigger: 'ready' | 'change') => {
    win.dispatchEvent(new CustomEvent(name, { detail: consent }));
    // Only where a tag manager set it up: creating dataLayer would change how gtag snippets behave.
    if (win.dataLayer && typeof win.dataLayer.push === 'function') {
      win.dataLayer.push({ event: DATALAYER_EVENT, trigger, consent });
    }
  };
  api.on('ready', (consent) => announce(READY_EVENT, consent, 'ready'));
  api.on('change', (change) => announce(CHANGE_EVENT, change.consent, 'change'));

  win.document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const link = target && typeof target.closest === 'function' ? target.closest('[data-consent-open],[data-consent-withdraw]') : null;
    if (!link) return;
    event.preventDefault();
    if (!link.hasAttribute('data-consent-withdraw')) return api.showPreferences();
    api.rejectAll();
    api.notify('withdrawn');
  });

  const pageApi: PageApi = {
    show: api.show,
    hide: api.hide,
    showPreferences: api.showPreferences,
    // Wrapped so that a page cannot claim a decision came from the banner.
    acceptAll: () => api.acceptAll(),
    rejectAll: () => api.rejectAll(),
    setConsent: (categories, options) => api.setConsent(categories, options),
    isAccepted: api.isAccepted,
    isServiceAccepted: api.isServiceAccepted,
    getConsent: api.getConsent,
    setUser: api.setUser,
    reset: api.reset,
    version: api.version,
    // Read-only: the normalized config the widget runs on (the audit judges a page against it).
    config: api.config,
    on(event, listener) {
      if (event === 'ready') return api.on('ready', (consent) => listener(consent));
      if (event === 'change') return api.on('change', (change) => listener(change.consent, change));
      console.error(`[asmeronexa-consent] on(): unknown event ${JSON.stringify(event)}; use "ready" or "change"`);
      return () => {};
    },
  };
  win.asmeronexaConsent = pageApi;
  return pageApi;
}

/**
 * The API while the widget cannot run (its config failed to load): everything optional is
 * refused, nothing throws, and each call repeats why (`complain`).
 */
export function installInertApi(win: Window, complain: () => void): void {
  win.asmeronexaConsent = {
    show: complain, hide: complain, showPreferences: complain, acceptAll: complain, rejectAll: complain, setConsent: complain, setUser: complain, reset: complain,
    isAccepted: () => false,
    isServiceAccepted: () => false,
    getConsent: () => null,
    on: () => () => {},
    version: 'unavailable',
  };
}
