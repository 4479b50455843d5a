// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs/abc?token=secret#x" }
// Global Privacy Control, minors in the UI, and consent receipts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, within } from '@testing-library/preact';
import { encodeChoice } from '../../src/core/choice';
import { mountUi } from '../../src/ui/mount';
import { getShadowRoot } from '../../src/browser/host';
import type { ConsentApi } from '../../src/contracts';
import schema from '../../schema/consent-receipt.schema.json';
import { clearCookies, messages, NOW, settle, start, stopAll } from './helpers';
import { createReceiptSender, openReceiptOutbox, OUTBOX_KEY } from '../../src/browser/receipts';
import type { Receipt } from '../../src/core/receipt';

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const beacons: { url: string; body: Record<string, unknown> }[] = [];

beforeEach(() => {
  clearCookies();
  beacons.length = 0;
  document.body.innerHTML = '<main><a href="#">Kurs</a></main>';
  localStorage.clear();
  // The receipt server, as the widget sees it: every post answered 204.
  vi.spyOn(window, 'fetch').mockImplementation((url, init) => {
    beacons.push({ url: String(url), body: JSON.parse(String(init!.body)) });
    return Promise.resolve(new Response(null, { status: 204 }));
  });
});
afterEach(() => {
  stopAll();
  delete nav.globalPrivacyControl;
  document.getElementById('asmeronexa-consent')?.remove();
});
const flush = () => new Promise((r) => setTimeout(r, 10));

function mount(api: ConsentApi) {
  const root = getShadowRoot(document, 'auto', 'de');
  const ui = mountUi(api, { root, lang: 'de', messages: null, nonce: undefined, onOpenChange: () => {} });
  return { ui, screen: within(root.querySelector('.anx-root')!.parentElement!) };
}

describe('Global Privacy Control', () => {
  it('with GPC and no choice: a stored refusal, no banner, and the settings say the signal is honoured', () => {
    nav.globalPrivacyControl = true;
    const showUi = vi.fn();
    const { api } = start({ services: [{ id: 'ga', category: 'analytics' }] }, { showUi });
    expect(showUi).not.toHaveBeenCalled();
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: false, functional: false });
    expect(api.signals().gpc).toBe(true);
    const { ui, screen } = mount(api);
    act(() => ui.show('preferences', null));
    expect(screen.getByRole('dialog').textContent).toContain('Global Privacy Control');
  });

  it('an opt-in the learner makes later is stored and wins over the signal', () => {
    nav.globalPrivacyControl = true;
    const first = start({});
    first.api.setConsent({ analytics: true }, {}, 'settings');
    stopAll();
    const { api } = start({});
    expect(api.isAccepted('analytics')).toBe(true);
  });

  it('respectGpc: false ignores the signal', () => {
    nav.globalPrivacyControl = true;
    const showUi = vi.fn();
    const { api } = start({ respectGpc: false }, { showUi });
    expect(api.getConsent()).toBeNull();
    expect(showUi).toHaveBeenCalledWith('banner', api);
  });
});

describe('minors in the UI', () => {
  it('categories minors may not be offered are locked off, with a short explanation; the banner says so', () => {
    const { api } = start({ user: { minor: true } });
    const { ui, screen } = mount(api);
    act(() => ui.show('banner', null));
    expect(screen.getByRole('region').textContent).toContain('unter 16 Jahre');
    fireEvent.click(screen.getByRole('button', { name: 'Alle akzeptieren' }));
    expect(api.getConsent()!.categories).toEqual({ session: true, analytics: false, functional: true });
    act(() => ui.show('preferences', null));
    const analytics = screen.getByRole('switch', { name: 'Analyse-Cookies' }) as HTMLButtonElement;
    expect(analytics.disabled).toBe(true);
    expect(analytics.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('dialog').textContent).toContain('Nicht verfügbar für Lernende unter 16 Jahren');
    expect((screen.getByRole('switch', { name: 'Funktionale Cookies' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('consent receipts', () => {
  const config = { revision: 3, policyVersion: '2026-11', language: 'de', receipts: { endpoint: '/api/consent-receipts' }, services: [{ id: 'ga', category: 'analytics' }] };

  it('posts one receipt per decision with the documented shape and nothing more', async () => {
    const { api } = start(config);
    api.acceptAll('banner');
    await flush();
    expect(beacons).toHaveLength(1);
    const { url, body } = beacons[0];
    expect(url).toBe('/api/consent-receipts');
    expect(body).toEqual({
      schema: 'asmeronexa-consent-receipt/1',
      consentId: api.getConsent()!.id,
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientTime: '2026-11-27T12:00:00.000Z',
      action: 'accept_all',
      source: 'banner',
      revision: 3,
      policyVersion: '2026-11',
      configHash: expect.stringMatching(/^[0-9a-z]+$/),
      widgetVersion: expect.any(String),
      language: 'de',
      categories: { session: true, analytics: true, functional: true },
      services: { ga: true },
      page: '/kurs/abc',
      signals: { gpc: false, minor: false },
      // The cookie's lifetime (182 days by default) from the decision.
      validUntil: '2027-05-28T12:00:00.000Z',
      // What the first layer showed on before the learner did anything: nothing optional.
      preselected: { categories: { session: true, analytics: false, functional: false }, services: { ga: false } },
    });
    expect(body.eventId).not.toBe(body.consentId);
    // Every field is in the schema, and every required one is present.
    expect(Object.keys(body).every((key) => key in schema.properties)).toBe(true);
    expect(schema.required.every((key: string) => key in body)).toBe(true);
  });

  it('names each kind of decision: reject all, save, withdraw, embed allow', async () => {
    const { api } = start({ ...config, reloadOnWithdraw: false });
    api.rejectAll('banner');
    api.setConsent({ functional: true }, {}, 'settings');
    api.setConsent({ functional: false }, {}, 'settings');
    api.setConsent({}, { services: { ga: true } }, 'embed');
    await flush();
    expect(beacons.map((b) => [b.body.action, b.body.source])).toEqual([
      ['reject_all', 'banner'], ['save', 'settings'], ['withdraw', 'settings'], ['embed_allow', 'embed'],
    ]);
    expect(new Set(beacons.map((b) => b.body.consentId)).size).toBe(1);
    expect(new Set(beacons.map((b) => b.body.eventId)).size).toBe(4);
  });

  it('records a re-ask after a revision change or expiry, under the old consent id', async () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'old-consent-1', revision: 2, decidedAt: NOW - 1000, categories: ['analytics'], services: ['ga'] })}; path=/`;
    start(config);
    await flush();
    expect(beacons.map((b) => [b.body.action, b.body.reason, b.body.consentId])).toEqual([['reask', 'revision-changed', 'old-consent-1']]);
    expect(beacons[0].body.categories).toEqual({ session: true, analytics: false, functional: false });
  });

  it('since 0.2: validUntil from cookie.expiresDays, and what was preselected', async () => {
    const { api } = start({
      ...config,
      privacyPolicyUrl: '/datenschutz#cookies',
      cookie: { expiresDays: 30 },
      services: [...config.services, { id: 'login', category: 'session' }],
      user: { minor: true },
    });
    api.rejectAll('banner');
    await flush();
    expect(beacons[0].body).toMatchObject({
      validUntil: '2026-12-27T12:00:00.000Z',
      // A service of the required category runs without consent, so it is on from the start;
      // a minor changes nothing here (nothing optional is on before a decision anyway).
      preselected: { categories: { session: true, analytics: false, functional: false }, services: { ga: false, login: true } },
    });
  });

  it('a re-ask decides nothing: no validUntil', async () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'old-consent-1', revision: 2, decidedAt: NOW - 1000, categories: ['analytics'], services: [] })}; path=/`;
    start({ ...config, privacyPolicyUrl: 'https://www.asmeronexa.test/datenschutz' });
    await flush();
    expect(beacons[0].body.action).toBe('reask');
    expect(beacons[0].body).not.toHaveProperty('validUntil');
    expect(beacons[0].body).toMatchObject({ preselected: expect.any(Object) });
  });

  it('records a GPC refusal', async () => {
    nav.globalPrivacyControl = true;
    start(config);
    await flush();
    expect(beacons.map((b) => [b.body.action, b.body.source])).toEqual([['reject_all', 'gpc']]);
  });

  it('posts with fetch (keepalive: it survives the page unloading); sends nothing without an endpoint', async () => {
    const fetch = vi.spyOn(window, 'fetch').mockClear().mockResolvedValue(new Response(null, { status: 204 }));
    const { api } = start(config);
    api.rejectAll();
    await flush();
    expect(fetch).toHaveBeenCalledWith('/api/consent-receipts', expect.objectContaining({ method: 'POST', keepalive: true }));
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string).action).toBe('reject_all');
    fetch.mockClear();
    stopAll();
    start({}).api.acceptAll();
    await flush();
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});

describe('the receipt outbox', () => {
  const receipt = (eventId: string) => ({ schema: 'asmeronexa-consent-receipt/1', consentId: 'consent-0001', eventId }) as unknown as Receipt;
  const waiting = () => (JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]') as Receipt[]).map((r) => r.eventId);
  /** The server's next answers, in order; the spy counts only the posts from here on. */
  const answer = (...statuses: (number | 'offline')[]) =>
    vi.spyOn(window, 'fetch').mockClear().mockImplementation(() => {
      const status = statuses.shift() ?? 204;
      return status === 'offline' ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(new Response(null, { status }));
    });

  it('keeps a receipt the server did not take (offline, 5xx) for the next page view, which sends it again', async () => {
    answer('offline', 503);
    const sender = createReceiptSender(window, '/api/consent-receipts');
    sender.send(receipt('event-0001'));
    sender.send(receipt('event-0002'));
    await settle();
    expect(waiting()).toEqual(['event-0001', 'event-0002']);
    // The next page view: the server is back.
    const posted = answer(204, 204);
    createReceiptSender(window, '/api/consent-receipts').retry();
    await settle();
    expect(posted.mock.calls.map((c) => JSON.parse(String(c[1]!.body)).eventId)).toEqual(['event-0001', 'event-0002']);
    expect(waiting()).toEqual([]);
  });

  it('settles a receipt on 2xx, and drops one the server refuses (4xx: it would never take it)', async () => {
    answer(204, 400);
    const sender = createReceiptSender(window, '/api/consent-receipts');
    sender.send(receipt('event-0003'));
    sender.send(receipt('event-0004'));
    await settle();
    expect(waiting()).toEqual([]);
  });

  it('posts with keepalive and the same-origin cookie (for the Safari re-issue), and keeps at most 20', async () => {
    const posted = answer(...Array(25).fill(503));
    const sender = createReceiptSender(window, '/api/consent-receipts');
    for (let i = 0; i < 25; i++) sender.send(receipt(`event-${String(i).padStart(4, '0')}`));
    await settle();
    expect(posted.mock.calls[0][1]).toMatchObject({ method: 'POST', keepalive: true, credentials: 'same-origin' });
    expect(waiting()).toHaveLength(20);
    expect(waiting()[19]).toBe('event-0024');
  });
});

describe('the receipts chunk (consent.js loads it on the first receipt)', () => {
  const config = { revision: 3, receipts: { endpoint: '/api/consent-receipts' }, services: [{ id: 'ga', category: 'analytics' }] };
  /** A chunk that arrives when the test says so, or fails. */
  function lateChunk() {
    let arrive!: () => void;
    let fail!: (error: Error) => void;
    const load = vi.fn(
      () =>
        new Promise<typeof openReceiptOutbox>((resolve, reject) => {
          arrive = () => resolve(openReceiptOutbox);
          fail = reject;
        }),
    );
    return { load, arrive: () => arrive(), fail: (e: Error) => fail(e) };
  }

  it('is not loaded on a page view without a decision, and notes a decision at once, as it was then', async () => {
    const chunk = lateChunk();
    const { api } = start(config, { receipts: chunk.load });
    await flush();
    expect(chunk.load).not.toHaveBeenCalled();
    api.rejectAll();
    api.acceptAll(); // before the chunk is there: both go, each as decided
    expect(chunk.load).toHaveBeenCalledTimes(1);
    chunk.arrive();
    await flush();
    expect(beacons.map((b) => [b.body.action, (b.body.categories as Record<string, boolean>).analytics])).toEqual([
      ['reject_all', false],
      ['accept_all', true],
    ]);
  });

  it('after a failed load says so, keeps what was noted and sends it with the next decision', async () => {
    const first = lateChunk();
    let calls = 0;
    const second = lateChunk();
    const { api, logger } = start(config, { receipts: () => (++calls === 1 ? first.load() : second.load()) });
    api.rejectAll();
    first.fail(new Error('offline'));
    await flush();
    expect(messages(logger.error).join()).toContain('consent-receipts.js could not be loaded (Error: offline)');
    expect(beacons).toEqual([]);
    api.acceptAll();
    second.arrive();
    await flush();
    expect(beacons.map((b) => b.body.action)).toEqual(['reject_all', 'accept_all']);
  });

  it('a withdrawal that reloads the page reloads only once its receipt is in the outbox', async () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'consent-0001', revision: 3, decidedAt: NOW, categories: ['analytics'], services: ['ga'] })}; path=/`;
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">1</script>';
    const chunk = lateChunk();
    const reload = vi.fn(() => expect(localStorage.getItem(OUTBOX_KEY)).toContain('"action":"withdraw"'));
    const fakeWindow = new Proxy(window, {
      get: (target, key) => (key === 'location' ? { ...target.location, pathname: target.location.pathname, href: target.location.href, reload } : Reflect.get(target, key)),
    });
    const { api } = start(config, { window: fakeWindow as Window, receipts: chunk.load });
    await settle();
    api.rejectAll();
    await flush();
    expect(reload).not.toHaveBeenCalled();
    vi.mocked(window.fetch).mockImplementationOnce(() => new Promise(() => {})); // the server is slow: the outbox holds it
    chunk.arrive();
    await flush();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('a chunk that never comes holds the reload back 3 s at most', async () => {
    document.cookie = `asmeronexa_consent=${encodeChoice({ id: 'consent-0001', revision: 3, decidedAt: NOW, categories: ['analytics'], services: ['ga'] })}; path=/`;
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">1</script>';
    const reload = vi.fn();
    const fakeWindow = new Proxy(window, {
      get: (target, key) => (key === 'location' ? { ...target.location, pathname: target.location.pathname, href: target.location.href, reload } : Reflect.get(target, key)),
    });
    const { api } = start(config, { window: fakeWindow as Window, receipts: () => new Promise(() => {}) });
    await settle();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      api.rejectAll();
      await vi.advanceTimersByTimeAsync(2900);
      expect(reload).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
