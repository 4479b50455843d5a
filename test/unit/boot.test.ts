// @vitest-environment-options { "url": "https://www.asmeronexa.test/kurs", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
// The consent.js path, in unit tests too: boot reads the config, the config rules normalize it,
// the controller starts, the page API appears; findings are explained by the diagnostics chunk
// (handed over here the way dist/consent-check.js does it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chunkKey } from '../../src/browser/chunks';
import { encodeChoice } from '../../src/core/choice';
import { describe as describeMessage } from '../../src/core/messages';
import { explainFindings } from '../../src/diagnostics/validate';
import { clearCookies, NOW } from './helpers';

const BOOTED = Symbol.for('asmeronexa-consent');
const registry = window as unknown as Record<symbol, unknown>;

async function boot(config: unknown) {
  window.asmeronexaConsentConfig = config;
  vi.resetModules();
  await import('../../src/boot');
  return window.asmeronexaConsent!;
}

beforeEach(() => {
  clearCookies();
  document.head.innerHTML = '';
  document.body.innerHTML = '<main></main>';
  document.documentElement.lang = 'de';
  delete registry[BOOTED];
  delete window.asmeronexaConsent;
  delete registry[chunkKey('check')];
});
afterEach(() => vi.restoreAllMocks());

describe('consent.js: boot → config rules → controller', () => {
  it('a stored valid choice is in force at once, and its blocked markup runs', async () => {
    const choice = { id: '3b241101-e2bb-4255-8caf-4136c566a962', revision: 2, decidedAt: NOW - 1000, categories: ['functional'], services: [] };
    document.cookie = `asmeronexa_consent=${encodeChoice(choice)}; path=/`;
    document.body.innerHTML = '<script type="text/plain" data-category="functional" id="gated">window.__ran = true</script>';
    const api = await boot({ revision: 2 });
    expect(api.getConsent()).toMatchObject({ id: choice.id, revision: 2, categories: { session: true, analytics: false, functional: true } });
    expect(api.isAccepted('functional')).toBe(true);
    // The activator replaced the blocked script with a live one.
    const live = document.getElementById('gated') as HTMLScriptElement;
    expect([live.type, live.textContent]).toEqual(['', 'window.__ran = true']);
  });

  it('a broken config: what is valid still counts, and the diagnostics chunk names each problem with its path', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const api = await boot({ revison: 3, cookie: { expiresDays: 999 }, services: [{ id: 'x', category: 'nope' }] });
    // consent.js asked for consent-check.js; hand it over as the chunk would.
    expect(document.head.querySelector('script[src$="consent-check.js"]')).not.toBeNull();
    (registry[chunkKey('check')] as (value: unknown) => void)({ explainFindings, describe: describeMessage });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/config\.cookie\.expiresDays: must not exceed 395 days/),
      expect.stringMatching(/config\.services\[0\]\.category: must be one of session, analytics, functional/),
    ]);
    expect(warnings.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/config\.revison: is not a known option \(did you mean "revision"\?\)/)]);
    expect(api.getConsent()).toBeNull();
    expect(api.isServiceAccepted('x')).toBe(false);
  });

  it('a clean config loads no diagnostics at all', async () => {
    await boot({ revision: 1, services: [{ id: 'matomo', category: 'analytics', preset: 'matomo', url: 'https://stats.example/', siteId: 3 }] });
    expect(document.head.querySelector('script[src$="consent-check.js"]')).toBeNull();
  });
});
