// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs/abc?token=secret#x" }
// Global Privacy Control, minors in the UI, and consent receipts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, within } from '@testing-library/preact';
import { encodeChoice } from '../../src/core/choice';
import { mountUi } from '../../src/ui/mount';
import { getShadowRoot } from '../../src/browser/host';
import type { ConsentApi } from '../../src/contracts';
import schema from '../../schema/consent-receipt.schema.json';
import { clearCookies, NOW, start, stopAll } from './helpers';

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const beacons: { url: string; body: Record<string, unknown> }[] = [];

beforeEach(() => {
  clearCookies();
  beacons.length = 0;
  document.body.innerHTML = '<main><a href="#">Kurs</a></main>';
  Object.defineProperty(nav, 'sendBeacon', {
    configurable: true,
    value: (url: string, data: Blob) => {
      data.text().then((text) => beacons.push({ url, body: JSON.parse(text) }));
      return true;
    },
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

  it('records a GPC refusal', async () => {
    nav.globalPrivacyControl = true;
    start(config);
    await flush();
    expect(beacons.map((b) => [b.body.action, b.body.source])).toEqual([['reject_all', 'gpc']]);
  });

  it('falls back to fetch with keepalive where sendBeacon refuses; sends nothing without an endpoint', async () => {
    Object.defineProperty(nav, 'sendBeacon', { configurable: true, value: () => false });
    const fetch = vi.spyOn(window, 'fetch').mockResolvedValue(new Response(null, { status: 204 }));
    const { api } = start(config);
    api.rejectAll();
    expect(fetch).toHaveBeenCalledWith('/api/consent-receipts', expect.objectContaining({ method: 'POST', keepalive: true }));
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string).action).toBe('reject_all');
    fetch.mockClear();
    stopAll();
    start({}).api.acceptAll();
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});
