// The receipts the widget's own code makes (src/controller/receipts.ts notes a decision, the
// receipts chunk's openReceiptOutbox builds and posts it; every kind of decision,
// with the optional fields of 0.2), validated by the server's ajv schema and posted to it: what
// the widget sends, the server takes. A receipt the server refused would be lost (the widget
// drops it on a 4xx).

import { describe, expect, it } from 'vitest';
import { validateReceipt } from '../lib/validate.mjs';
import { validateConfig } from '../../src/diagnostics/validate.ts';
import { createReceipts } from '../../src/controller/receipts.ts';
import { openReceiptOutbox } from '../../src/browser/receipts.ts';
import { permissionsFor } from '../../src/core/policy.ts';
import { backends, receipt as sample, serverOn, TOKEN } from './helpers.mjs';

const PAGE = 'https://lernen.asmeronexa.test/kurse/statistik/lektion-4?token=secret#x';

/** The widget's receipts for one config: its code with a window that only records the posts. */
function widgetReceipts(rawConfig, { minor = false, gpc = false } = {}) {
  const { config, problems } = validateConfig(rawConfig);
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  const posted = [];
  const items = new Map();
  const win = {
    location: new URL(PAGE),
    navigator: {},
    setTimeout: () => 0,
    localStorage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, v), removeItem: (k) => items.delete(k) },
    fetch: (url, init) => (posted.push(JSON.parse(init.body)), Promise.resolve({ status: 204 })),
  };
  let choice = null;
  let n = 0;
  const receipts = createReceipts({
    config,
    win,
    lang: 'de',
    now: () => Date.UTC(2026, 11, 1, 10, 0, 0, 123),
    newId: () => `event-${String(++n).padStart(4, '0')}-4000-8000`,
    consentId: () => '3b241101-e2bb-4255-8caf-4136c566a962',
    permissions: () => permissionsFor(config, choice, { minor }),
    signals: () => ({ gpc, minor }),
    say: () => {},
    load: () => openReceiptOutbox,
  });
  return {
    posted,
    /** Settles once the chunk has built and posted the receipt. */
    decide(categories, services, action, source, reason) {
      choice = categories && { categories, services };
      receipts.send(action, source, reason);
      return receipts.settled();
    },
  };
}

const CONFIG = {
  revision: 4,
  policyVersion: '2026-11',
  privacyPolicyUrl: '/datenschutzerklärung#cookies',
  cookie: { expiresDays: 120 },
  receipts: { endpoint: '/api/consent-receipts' },
  categories: { marketing: { label: 'Marketing' } },
  services: [
    { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-ABC123' },
    { id: 'video', category: 'functional', src: 'https://video.example/embed.js' },
    { id: 'login', category: 'session' },
  ],
};

describe('the widget code makes receipts the server schema accepts', () => {
  it('every kind of decision, with validUntil, signals and preselected', async () => {
    const w = widgetReceipts(CONFIG, { minor: true, gpc: true });
    await w.decide(null, null, 'reask', 'banner', 'revision-changed');
    await w.decide([], [], 'reject_all', 'gpc');
    await w.decide(['functional', 'marketing'], ['video'], 'accept_all', 'banner');
    await w.decide(['functional'], ['video'], 'save', 'settings');
    await w.decide([], [], 'withdraw', 'settings');
    await w.decide(['functional'], ['video'], 'embed_allow', 'embed');
    expect(w.posted.map((r) => r.action)).toEqual(['reask', 'reject_all', 'accept_all', 'save', 'withdraw', 'embed_allow']);
    for (const r of w.posted) expect(validateReceipt(r), JSON.stringify(r)).toEqual({ ok: true });
    const [reask, refusal] = w.posted;
    expect(reask).not.toHaveProperty('validUntil');
    expect(refusal).toMatchObject({
      // 120 days from the decision, in whole seconds like the cookie's decidedAt.
      validUntil: '2027-03-31T10:00:00.000Z',
      signals: { gpc: true, minor: true },
      preselected: { categories: { session: true, analytics: false, functional: false, marketing: false }, services: { ga: false, video: false, login: true } },
      page: '/kurse/statistik/lektion-4',
    });
  });
});

for (const backend of backends()) {
  describe.skipIf(!backend.enabled)(`the widget's receipts stored on ${backend.name}`, () => {
    let app;
    serverOn(backend, (opened) => (app = opened.app));

    it('204 for each, and the lookup answers them as posted', async () => {
      const w = widgetReceipts(CONFIG);
      await w.decide(null, null, 'reask', 'banner', 'expired');
      await w.decide(['analytics'], ['ga'], 'save', 'settings');
      for (const r of w.posted) {
        const res = await app.inject({ method: 'POST', url: '/api/consent-receipts', headers: { 'content-type': 'text/plain;charset=UTF-8' }, payload: JSON.stringify(r) });
        expect(res.statusCode, res.body).toBe(204);
      }
      const res = await app.inject({ url: `/api/consent-receipts?consentId=${w.posted[0].consentId}`, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.json().map(({ serverTime: _t, ...r }) => r)).toEqual(w.posted);
    });
  });
}
