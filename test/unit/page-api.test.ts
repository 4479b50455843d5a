// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs/abc" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installPageApi, CHANGE_EVENT, READY_EVENT } from '../../src/browser/page-api';
import { createCookieStore } from '../../src/browser/cookie-store';
import { speaker } from '../../src/controller/logging';
import { describe as describeMessage } from '../../src/core/messages';
import { clearCookies, html, messages, settle, spyLogger, start, stopAll } from './helpers';

beforeEach(() => {
  clearCookies();
  html('');
  delete window.dataLayer;
  delete window.asmeronexaConsent;
});
afterEach(() => {
  stopAll();
  vi.restoreAllMocks();
});

describe('installPageApi', () => {
  it('publishes window.asmeronexaConsent with the contract members', () => {
    const { api } = start({});
    const page = installPageApi(window, api);
    expect(window.asmeronexaConsent).toBe(page);
    for (const member of ['show', 'hide', 'showPreferences', 'acceptAll', 'rejectAll', 'setConsent', 'isAccepted', 'isServiceAccepted', 'getConsent', 'setUser', 'reset', 'on']) {
      expect(typeof (page as unknown as Record<string, unknown>)[member]).toBe('function');
    }
    page.acceptAll();
    expect(page.isAccepted('analytics')).toBe(true);
    expect(page.getConsent()!.categories).toEqual({ session: true, analytics: true, functional: true });
  });

  it('fires the DOM events with the consent object as detail', async () => {
    const ready = vi.fn();
    const change = vi.fn();
    window.addEventListener(READY_EVENT, (e) => ready((e as CustomEvent).detail));
    window.addEventListener(CHANGE_EVENT, (e) => change((e as CustomEvent).detail));
    const { api } = start({});
    const page = installPageApi(window, api);
    await settle();
    expect(ready).toHaveBeenCalledWith(null);
    page.rejectAll();
    expect(change).toHaveBeenCalledTimes(1);
    expect(change.mock.calls[0][0]).toEqual(page.getConsent());
    expect(change.mock.calls[0][0].categories.analytics).toBe(false);
  });

  it('on() gives listeners the consent object; ready is heard even when subscribed late; on() unsubscribes', async () => {
    const { api } = start({});
    const page = installPageApi(window, api);
    const ready = vi.fn();
    const change = vi.fn();
    page.on('ready', ready);
    const off = page.on('change', change);
    await settle();
    expect(ready).toHaveBeenCalledWith(null);
    page.acceptAll();
    expect(change.mock.calls[0][0]).toEqual(page.getConsent());
    expect(change.mock.calls[0][1]).toMatchObject({ source: 'api', granted: { categories: ['analytics', 'functional'] } });
    off();
    page.rejectAll();
    expect(change).toHaveBeenCalledTimes(1);
  });

  it('pushes a dataLayer entry for tag managers only where dataLayer exists', async () => {
    const { api: first } = start({});
    installPageApi(window, first);
    first.acceptAll();
    await settle();
    expect(window.dataLayer).toBeUndefined();

    stopAll();
    window.dataLayer = [];
    const { api } = start({});
    const page = installPageApi(window, api);
    await settle();
    page.rejectAll();
    expect(window.dataLayer).toEqual([
      { event: 'asmeronexa_consent_update', trigger: 'ready', consent: expect.objectContaining({ categories: expect.objectContaining({ analytics: true }) }) },
      { event: 'asmeronexa_consent_update', trigger: 'change', consent: page.getConsent() },
    ]);
  });

  it('opens the settings from any [data-consent-open] element, also one added later', () => {
    const showUi = vi.fn();
    const { api } = start({}, { showUi });
    installPageApi(window, api);
    showUi.mockClear();
    html('<footer><a href="#cookies" data-consent-open><span>Cookie-Einstellungen</span></a></footer>');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.querySelector('span')!.dispatchEvent(click);
    expect(showUi).toHaveBeenCalledWith('preferences', api);
    expect(click.defaultPrevented).toBe(true);
  });

  it('reports an unknown event name instead of throwing', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api } = start({});
    const page = installPageApi(window, api);
    expect(() => page.on('changed' as never, () => {})()).not.toThrow();
    expect(error.mock.calls[0][0]).toMatch(/unknown event "changed"/);
  });
});

describe('createCookieStore', () => {
  function recordCookieWrites() {
    const writes: string[] = [];
    let proto = Object.getPrototypeOf(document);
    while (!Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
    const accessor = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => accessor.get!.call(document),
      set: (value: string) => {
        writes.push(value);
        accessor.set!.call(document, value);
      },
    });
    return { writes, restore: () => delete (document as { cookie?: string }).cookie };
  }

  it('writes Path, SameSite=Lax, Secure on https, the configured domain and the expiry', () => {
    const { writes, restore } = recordCookieWrites();
    try {
      const store = createCookieStore({ name: 'c', path: '/', domain: 'asmeronexa.test' }, document, () => {});
      const expires = new Date(Date.UTC(2027, 4, 28));
      expect(store.write('1|abc', expires)).toBe(true);
      expect(writes[0]).toBe('c=1|abc; path=/; domain=asmeronexa.test; sameSite=Lax; secure; expires=Fri, 28 May 2027 00:00:00 GMT');
      expect(store.read()).toBe('1|abc');
    } finally {
      restore();
    }
  });

  it('warns and keeps the value in memory when the cookie does not stick', () => {
    const logger = spyLogger();
    const store = createCookieStore({ name: 'c', path: '/', domain: 'other-site.example' }, document, speaker(logger, describeMessage));
    expect(store.write('1|abc', new Date(Date.now() + 1e9))).toBe(false);
    expect(store.read()).toBe('1|abc');
    expect(messages(logger.warn)).toEqual([expect.stringMatching(/for domain "other-site.example".*page view only/)]);
  });
});
