// normalizeConfig (consent.js) and validateConfig (consent-check.js, the ES module) must agree:
// the same normalized config, and `clean` exactly when the validator finds nothing to report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config';
import { normalizeConfig } from '../../../src/core/normalize';
import { generators } from './generators';

function expectSame(raw: unknown) {
  const full = validateConfig(raw);
  const lean = normalizeConfig(raw);
  expect(lean.config).toEqual(full.config);
  expect(lean.clean).toBe(full.problems.length === 0);
}

/** A well-formed config, then each part replaced by junk with some probability. */
function nearlyValid(g: ReturnType<typeof generators>, junk: number) {
  const maybe = <T>(good: T): unknown => (g.next() < junk ? g.value(1) : good);
  const service = () =>
    g.pick([
      () => ({ id: maybe(`s${g.int(4)}`), category: maybe(g.pick(['analytics', 'functional', 'marketing'])), label: maybe({ de: 'Dienst', en: 'Service' }), src: maybe(['/a.js', 'https://x.example/b.js']), cookies: maybe(['_x', '/^_y/', { name: '_z', paths: ['/kurs'], lifetime: '1 Tag' }]), provider: maybe('P'), privacyPolicyUrl: maybe('/datenschutz'), onAccept: maybe(() => {}) }),
      () => ({ id: maybe('ga'), category: 'analytics', preset: maybe('google-analytics'), measurementId: maybe('G-ABC123'), mode: maybe(g.pick(['basic', 'advanced'])), gtagUrl: maybe('/gtag.js') }),
      () => ({ id: maybe('matomo'), category: maybe('analytics'), preset: 'matomo', url: maybe('https://stats.example/'), siteId: maybe(g.pick(['3', 7, '12x'])), mode: maybe('cookieless') }),
    ])();
  return {
    revision: maybe(g.int(5)),
    language: maybe(g.pick(['de', 'en', 'auto'])),
    privacyPolicyUrl: maybe('/datenschutz'),
    imprintUrl: maybe('https://asmeronexa.de/impressum'),
    cookie: maybe({ name: maybe('consent_x'), domain: maybe(g.pick(['asmeronexa.de', '.asmeronexa.de', 'localhost'])), path: maybe('/'), expiresDays: maybe(g.pick([30, 182, 395, 400, 0])) }),
    nonce: maybe('abc123=='),
    texts: maybe({ de: { banner: { title: 'T' } }, en: maybe({}) }),
    categories: maybe({ marketing: maybe({ label: maybe({ de: 'M', en: 'M' }), minorsAllowed: maybe(false) }), analytics: maybe({ minorsAllowed: maybe(true) }) }),
    services: maybe(Array.from({ length: g.int(5) }, service)),
    reloadOnWithdraw: maybe(g.next() < 0.5),
    user: maybe({ minor: maybe(false) }),
    theme: maybe(g.pick(['auto', 'dark', 'light'])),
    googleConsentMode: maybe(g.pick([true, false, { types: maybe({ analytics: maybe(['analytics_storage']) }) }])),
    receipts: maybe({ endpoint: maybe('/api/consent-receipts') }),
    policyVersion: maybe('2026-11'),
  };
}

describe('normalizeConfig agrees with validateConfig', () => {
  it('on the demo configs and the edge cases', () => {
    const demo = JSON.parse(readFileSync('demo/en/consent-config.json', 'utf8'));
    for (const raw of [undefined, null, 42, 'x', [], {}, demo, { revision: -1 }, { revision: 1.5 }, { cookie: { expiresDays: 1000 } },
      { googleConsentMode: 'yes' }, { googleConsentMode: { types: 5 } }, { services: [{ id: 'a', category: 'analytics' }, { id: 'a', category: 'analytics' }] },
      { categories: { session: { minorsAllowed: false } } }, { categories: { extra: {} } }, { texts: { fr: {} } }, { servics: [] }]) {
      expectSame(raw);
    }
  });

  it('on 10,000 nearly valid configs (each part broken with some probability)', () => {
    const g = generators(7);
    let clean = 0;
    for (let i = 0; i < 10_000; i++) {
      const raw = nearlyValid(g, [0, 0.02, 0.1, 0.3][i % 4]);
      expectSame(raw);
      if (normalizeConfig(raw).clean) clean++;
    }
    // Both branches are exercised: many clean configs, many with problems.
    expect(clean).toBeGreaterThan(500);
    expect(clean).toBeLessThan(9000);
  }, 30_000);

  it('on 10,000 random values', () => {
    const g = generators(8);
    for (let i = 0; i < 10_000; i++) expectSame(i % 2 ? g.value() : { services: [g.value(1), g.value(1)], categories: g.value(1), cookie: g.value(1), googleConsentMode: g.value(1) });
  }, 30_000);
});
