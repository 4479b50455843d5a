// The config rules are one table, walked once: consent.js keeps the findings' codes, the
// diagnostics chunk turns them into sentences. What must hold between the two halves: every
// finding the walk can produce has a sentence of its own (never the fallback),
// and the texts turn exactly the walk's findings into problems, in order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../src/core/config-rules';
import { explainFindings, validateConfig } from '../../../src/diagnostics/validate';
import { PRESETS } from '../../../src/vendors/registry';
import { generators } from './generators';

const seenCodes = new Set<string>();
function expectExplained(raw: unknown) {
  const { config, findings } = normalizeConfig(raw, PRESETS);
  const problems = explainFindings(findings);
  expect(problems.map((p) => [p.level, p.path])).toEqual(findings.map((f) => [f.level, f.path]));
  for (const [i, problem] of problems.entries()) {
    seenCodes.add(findings[i].code);
    expect(`${findings[i].code}: ${problem.message}`).not.toMatch(/is not valid \(/);
  }
  // validateConfig is the same walk: the same config, the same problems.
  expect(validateConfig(raw)).toEqual({ config, problems });
  return findings.length === 0;
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

describe('every finding of the config rules has its own sentence', () => {
  it('on the demo configs and the edge cases', () => {
    const demo = JSON.parse(readFileSync('demo/en/consent-config.json', 'utf8'));
    for (const raw of [undefined, null, 42, 'x', [], {}, demo, { revision: -1 }, { revision: 1.5 }, { cookie: { expiresDays: 1000 } },
      { googleConsentMode: 'yes' }, { googleConsentMode: { types: 5 } }, { services: [{ id: 'a', category: 'analytics' }, { id: 'a', category: 'analytics' }] },
      { categories: { session: { minorsAllowed: false } } }, { categories: { extra: {} } }, { texts: { fr: {} } }, { servics: [] },
      { services: [{ id: 'x'.repeat(41), category: 'analytics' }] }, { policyVersion: 'v'.repeat(65) }]) {
      expectExplained(raw);
    }
  });

  it('on 10,000 nearly valid configs (each part broken with some probability)', () => {
    const g = generators(7);
    let clean = 0;
    for (let i = 0; i < 10_000; i++) if (expectExplained(nearlyValid(g, [0, 0.02, 0.1, 0.3][i % 4]))) clean++;
    // Both branches are exercised: many clean configs, many with problems.
    expect(clean).toBeGreaterThan(500);
    expect(clean).toBeLessThan(9000);
  }, 30_000);

  it('on 10,000 random values', () => {
    const g = generators(8);
    for (let i = 0; i < 10_000; i++) expectExplained(i % 2 ? g.value() : { services: [g.value(1), g.value(1)], categories: g.value(1), cookie: g.value(1), googleConsentMode: g.value(1) });
  }, 30_000);

  it('the runs above reached the rules of every config object', () => {
    for (const code of ['config', 'config.revision', 'cookie.expiresDays:max', 'unknown-key', 'services.id:taken', 'services.option', 'services.option:missing', 'services.cookies[]', 'categories.minorsAllowed:session', 'googleConsentMode.types.category']) {
      expect([...seenCodes]).toContain(code);
    }
  });
});
