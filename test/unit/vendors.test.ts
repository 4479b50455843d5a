// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs" }
// The exact dataLayer and _paq sequences of the presets (standards §1, §2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeChoice } from '../../src/core/choice';
import { clearCookies, NOW, start, stopAll } from './helpers';

const GA = { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-TEST123' };
const MATOMO = { id: 'matomo', category: 'analytics', preset: 'matomo', url: 'https://stats.example/', siteId: '3' };
type Win = Window & { _paq?: unknown[]; [key: string]: unknown };
const win = window as unknown as Win;

const entries = () => (win.dataLayer ?? []).filter((e) => Object.prototype.toString.call(e) === '[object Arguments]').map((e) => Array.from(e as ArrayLike<unknown>));
const scripts = () => Array.from(document.querySelectorAll('script[src]')).map((s) => (s as HTMLScriptElement).src);
const stored = (categories: string[], services: string[]) => {
  document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'abcdefgh', revision: 1, decidedAt: NOW - 1000, categories, services })}; path=/`;
};
const DENIED = {
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
  functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted',
};

beforeEach(() => {
  clearCookies();
  document.head.innerHTML = '';
  delete win.dataLayer;
  delete win._paq;
  delete win['ga-disable-G-TEST123'];
});
afterEach(() => stopAll());

describe('google-analytics preset (basic mode)', () => {
  it('first visit: only the all-denied default, as an Arguments object; gtag.js not requested', () => {
    start({ services: [GA] });
    expect(win.dataLayer!.every((e) => Object.prototype.toString.call(e) === '[object Arguments]')).toBe(true);
    expect(entries()).toEqual([['consent', 'default', { ...DENIED, wait_for_update: 500 }]]);
    expect(scripts()).toEqual([]);
    expect(win['ga-disable-G-TEST123']).toBe(true);
  });

  it('on consent: update, then gtag.js with the nonce, then js and config', () => {
    const { api } = start({ nonce: 'abc', services: [GA] });
    api.acceptAll();
    const log = entries();
    expect(log[1]).toEqual([
      'consent', 'update',
      { ...DENIED, analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted' },
    ]);
    expect(log[2][0]).toBe('js');
    expect(log[2][1]).toBeInstanceOf(Date);
    expect(log[3]).toEqual(['config', 'G-TEST123']);
    expect(scripts()).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-TEST123']);
    expect((document.querySelector('script[src]') as HTMLScriptElement).nonce).toBe('abc');
    expect(win['ga-disable-G-TEST123']).toBe(false);
  });

  it('a returning learner: default, update from the stored choice, js, config, all at start', () => {
    stored(['analytics'], ['ga']);
    start({ services: [GA] });
    expect(entries().map((e) => e.slice(0, 2))).toEqual([['consent', 'default'], ['consent', 'update'], ['js', expect.any(Date)], ['config', 'G-TEST123']]);
    expect(entries()[1][2]).toEqual({ ...DENIED, analytics_storage: 'granted' });
  });

  it('on withdrawal: an update to denied and the opt-out switch', () => {
    stored(['analytics'], ['ga']);
    const { api } = start({ services: [GA], reloadOnWithdraw: false });
    api.rejectAll();
    expect(entries().at(-1)).toEqual(['consent', 'update', DENIED]);
    expect(win['ga-disable-G-TEST123']).toBe(true);
    expect(scripts()).toHaveLength(1); // loaded once, not again
  });

  it('advanced mode loads gtag.js at once, consent still denied', () => {
    start({ services: [{ ...GA, mode: 'advanced' }] });
    expect(scripts()).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-TEST123']);
    expect(entries()[0]).toEqual(['consent', 'default', { ...DENIED, wait_for_update: 500 }]);
  });

  it('a first-party gtag URL can replace Google\'s', () => {
    const { api } = start({ services: [{ ...GA, gtagUrl: '/metrics/gtag.js' }] });
    api.acceptAll();
    expect(scripts()).toEqual(['https://www.asmeronexa.test/metrics/gtag.js']);
  });

  it('maps categories to consent types, configurably; marketing maps to the ad_* types', () => {
    // The default mapping, through the config: a `marketing` category grants the ad_* types.
    const marketing = start({ services: [GA], categories: { marketing: { label: 'Werbung' } } });
    marketing.api.setConsent({ marketing: true });
    expect(entries()[1][2]).toEqual({ ...DENIED, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' });
    stopAll();
    clearCookies();
    delete win.dataLayer;
    const { api } = start({ services: [GA], googleConsentMode: { types: { functional: ['functionality_storage'] } } });
    api.setConsent({ functional: true });
    expect(entries()[1][2]).toEqual({ ...DENIED, functionality_storage: 'granted' });
  });

  it('googleConsentMode: true gives Tag Manager sites the defaults and updates without loading gtag.js', () => {
    const { api } = start({ googleConsentMode: true });
    api.acceptAll();
    expect(entries().map((e) => e.slice(0, 2))).toEqual([['consent', 'default'], ['consent', 'update']]);
    expect(scripts()).toEqual([]);
  });
});

describe('matomo preset', () => {
  const setup = [
    ['setTrackerUrl', 'https://stats.example/matomo.php'], ['setSiteId', '3'], ['trackPageView'], ['enableLinkTracking'],
  ];

  it('require-consent (default): requireConsent before trackPageView; matomo.js not requested before consent', () => {
    start({ services: [MATOMO] });
    expect(win._paq).toEqual([['requireConsent'], ...setup]);
    expect(scripts()).toEqual([]);
  });

  it('on consent setConsentGiven and matomo.js; on withdrawal forgetConsentGiven', () => {
    const { api } = start({ services: [MATOMO], reloadOnWithdraw: false });
    api.acceptAll();
    expect(win._paq!.at(-1)).toEqual(['setConsentGiven']);
    expect(scripts()).toEqual(['https://stats.example/matomo.js']);
    api.rejectAll();
    expect(win._paq!.at(-1)).toEqual(['forgetConsentGiven']);
  });

  it('a returning learner who consented: setConsentGiven at start', () => {
    stored(['analytics'], ['matomo']);
    start({ services: [MATOMO] });
    expect(win._paq).toEqual([['requireConsent'], ...setup, ['setConsentGiven']]);
    expect(scripts()).toEqual(['https://stats.example/matomo.js']);
  });

  it('cookieless-until-consent: cookieless tracking first, cookie consent later', () => {
    const { api } = start({ services: [{ ...MATOMO, mode: 'cookieless-until-consent' }] });
    expect(win._paq).toEqual([['requireCookieConsent'], ...setup]);
    expect(scripts()).toEqual(['https://stats.example/matomo.js']);
    api.acceptAll();
    expect(win._paq!.at(-1)).toEqual(['setCookieConsentGiven']);
  });

  it('cookieless: cookies never; an explicit refusal is an objection: nothing is tracked', () => {
    start({ services: [{ ...MATOMO, mode: 'cookieless' }] });
    expect(win._paq).toEqual([['disableCookies'], ...setup]);
    stopAll();
    delete win._paq;
    document.head.innerHTML = '';
    stored([], []);
    start({ services: [{ ...MATOMO, mode: 'cookieless' }] });
    expect(win._paq).toBeUndefined();
    expect(scripts()).toEqual([]);
  });

  it('pushes to the object matomo.js puts in place of the _paq array', () => {
    const { api } = start({ services: [MATOMO], reloadOnWithdraw: false });
    const received: unknown[] = [];
    win._paq = { push: (...commands: unknown[]) => received.push(...commands) } as unknown as unknown[];
    api.acceptAll();
    expect(received).toEqual([['setConsentGiven']]);
  });
});
