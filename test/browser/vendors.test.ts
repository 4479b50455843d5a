// Vendors against their real host names, intercepted: googletagmanager.com, a Matomo host and a
// video host see nothing before consent; the right sequence after it; cookies gone from the
// parent domain after withdrawal; GPC, minors and receipts.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { axe, cookieNames, launch, openPage, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;

const PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kurs</title>
<script>
  window.asmeronexaConsentConfig = {
    revision: 1, language: 'de', policyVersion: '2026-11', reloadOnWithdraw: false,
    receipts: { endpoint: '/api/consent-receipts' },
    services: [
      { id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-REAL123' },
      { id: 'matomo', category: 'analytics', preset: 'matomo', url: 'https://matomo.example.org/', siteId: 7 },
      { id: 'video', category: 'functional', label: 'Lernvideo', provider: 'Video AG', privacyPolicyUrl: 'https://video.example.net/privacy' },
    ],
  };
</script>
<script src="/assets/consent/consent.js"></script>
</head><body><main><h1>Lektion</h1>
<iframe data-category="functional" data-service="video" data-src="https://video.example.net/embed/42" title="Lernvideo" width="480" height="270"></iframe>
</main></body></html>`;

// Stand-ins for the real scripts, served by route(): gtag.js puts _ga on the registrable domain.
const GTAG = `document.cookie = '_ga=GA1.1.1.1; path=/; domain=asmeronexa.test; max-age=3600';
document.cookie = '_ga_REAL123=GS1.1.1; path=/; domain=asmeronexa.test; max-age=3600'; window.__gtag = true;`;
const MATOMO = `window.__matomo = true;`;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anx-vendors-'));
  await writeFile(join(dir, 'kurs.html'), PAGE);
  // The default reloadOnWithdraw, and analytics markup that runs: a withdrawal reloads the page.
  await writeFile(join(dir, 'reload.html'), PAGE.replace(" reloadOnWithdraw: false,", '').replace('</main>', '<script type="text/plain" data-category="analytics">window.__ran = 1</script></main>'));
  [server, browser] = await Promise.all([startDemo({ '/vendors/': `${dir}/` }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A context whose requests to the vendors' real hosts are answered here, and recorded. */
async function vendorContext(options: Parameters<Browser['newContext']>[0] = {}, { gpc = false } = {}) {
  const context: BrowserContext = await browser.newContext(options);
  // Chromium sends no GPC by itself: set the signal as a privacy extension would.
  if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const hits: string[] = [];
  await context.route(/^https:\/\/(www\.googletagmanager\.com|matomo\.example\.org|video\.example\.net)\//, (route) => {
    const url = route.request().url();
    hits.push(url);
    const body = url.includes('gtag/js') ? GTAG : url.includes('matomo.js') ? MATOMO : '<!doctype html><title>Video</title><p>Video</p>';
    return route.fulfill({ status: 200, contentType: url.endsWith('.js') || url.includes('gtag/js') ? 'text/javascript' : 'text/html', body });
  });
  const opened = await openPage(context);
  await opened.page.goto(siteUrl(server, '/vendors/kurs.html'));
  await widgetReady(opened.page);
  return { context, hits, ...opened };
}

const dataLayer = (page: import('playwright-core').Page) =>
  page.evaluate(() =>
    (window.dataLayer ?? []).map((entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry as ArrayLike<unknown>).slice(0, 2) : ['not arguments'],
    ),
  );

describe('vendors on their real hosts', () => {
  it('nothing reaches googletagmanager.com, the Matomo host or the video host before consent', async () => {
    const { context, page, hits, pageErrors } = await vendorContext();
    await page.waitForTimeout(500);
    expect(hits).toEqual([]);
    // The consent default, then the widget's own event for tag managers (not a gtag command).
    expect(await dataLayer(page)).toEqual([['consent', 'default'], ['not arguments']]);
    expect(await page.evaluate(() => (window as { _paq?: unknown[] })._paq?.[0])).toEqual(['requireConsent']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('after consent: the Consent Mode sequence, gtag.js and matomo.js; the embed loads', async () => {
    const { context, page, hits } = await vendorContext();
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await page.waitForFunction(() => (window as { __gtag?: boolean }).__gtag && (window as { __matomo?: boolean }).__matomo);
    expect(hits.map((url) => new URL(url).host + new URL(url).pathname).sort()).toEqual([
      'matomo.example.org/matomo.js', 'video.example.net/embed/42', 'www.googletagmanager.com/gtag/js',
    ]);
    // Between the gtag commands: the widget's own { event: 'asmeronexa_consent_update' } entries.
    expect(await dataLayer(page)).toEqual([
      ['consent', 'default'], ['not arguments'], ['consent', 'update'], ['js', expect.anything()], ['config', 'G-REAL123'], ['not arguments'],
    ]);
    expect(await page.evaluate(() => (window as { _paq?: unknown[] })._paq!.at(-1))).toEqual(['setConsentGiven']);
    await context.close();
  });

  it('withdrawal: consent update to denied, ga-disable, and _ga gone from the parent domain', async () => {
    const { context, page } = await vendorContext();
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await page.waitForFunction(() => (window as { __gtag?: boolean }).__gtag);
    await expect.poll(() => cookieNames(context)).toContain('_ga@.asmeronexa.test');
    await page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await expect.poll(async () => (await cookieNames(context)).filter((c) => c.startsWith('_ga'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>)['ga-disable-G-REAL123'])).toBe(true);
    const last = await page.evaluate(() => {
      const updates = (window.dataLayer ?? []).filter((e) => (e as ArrayLike<unknown>)[1] === 'update') as ArrayLike<unknown>[];
      return updates.at(-1)?.[2];
    });
    expect(last).toMatchObject({ analytics_storage: 'denied', functionality_storage: 'denied' });
    expect(await page.evaluate(() => (window as { _paq?: unknown[] })._paq!.at(-1))).toEqual(['forgetConsentGiven']);
    await context.close();
  });

  it('the embed placeholder: keyboard usable, axe clean, "Einmal laden" loads only after the click', async () => {
    const { context, page, hits } = await vendorContext();
    await page.getByRole('button', { name: 'Alle ablehnen' }).click();
    // After the decision the widget moves focus to its reopen button; then the learner tabs on.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label')))
      .toBe('Cookie-Einstellungen');
    expect(await axe(page, ['[data-consent-placeholder]'])).toEqual([]);
    const once = page.getByRole('button', { name: /einmal laden$/ });
    await once.focus();
    await page.waitForTimeout(300);
    expect(hits).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => hits).toEqual(['https://video.example.net/embed/42']);
    await page.frameLocator('iframe').getByText('Video').waitFor();
    expect(await page.locator('[data-consent-placeholder]').count()).toBe(0);
    expect(await page.evaluate(() => window.asmeronexaConsent!.isServiceAccepted('video'))).toBe(false);
    await context.close();
  });
});

describe('signals', () => {
  it('GPC: no banner, a stored refusal, nothing loaded; the learner can still opt in, which wins', async () => {
    const { context, page, hits } = await vendorContext({}, { gpc: true });
    await page.waitForTimeout(300);
    expect(await page.getByRole('region', { name: 'Cookies auf asmeronexa' }).count()).toBe(0);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.categories.analytics)).toBe(false);
    expect(hits).toEqual([]);
    await page.getByRole('button', { name: 'Cookie-Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen' });
    expect(await dialog.textContent()).toContain('Global Privacy Control');
    await dialog.getByRole('switch', { name: 'Analyse-Cookies' }).click();
    await dialog.getByRole('button', { name: 'Auswahl speichern' }).click();
    await page.reload();
    await widgetReady(page);
    expect(await page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics'))).toBe(true);
    await context.close();
  });

  it('a minor: analytics is not offered, acceptAll does not enable it, and nothing is requested from GA or Matomo', async () => {
    const { context, page, hits } = await vendorContext();
    await page.evaluate(() => window.asmeronexaConsent!.setUser({ minor: true }));
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.categories)).toEqual({ session: true, analytics: false, functional: true });
    expect(hits).toEqual(['https://video.example.net/embed/42']);
    await page.getByRole('button', { name: 'Cookie-Einstellungen' }).click();
    expect(await page.getByRole('switch', { name: 'Analyse-Cookies' }).isDisabled()).toBe(true);
    await context.close();
  });
});

describe('receipts', () => {
  it('each decision reaches the first-party endpoint with the documented shape', async () => {
    const before = server.receipts.length;
    const { context, page } = await vendorContext();
    await page.getByRole('button', { name: 'Alle ablehnen' }).click();
    await page.getByRole('button', { name: /immer erlauben$/ }).click();
    await expect.poll(() => server.receipts.length - before).toBe(2);
    const [reject, embed] = server.receipts.slice(before);
    expect(reject).toMatchObject({
      schema: 'asmeronexa-consent-receipt/1', action: 'reject_all', source: 'banner', revision: 1, policyVersion: '2026-11',
      language: 'de', page: '/vendors/kurs.html', categories: { session: true, analytics: false, functional: false },
      services: { ga: false, matomo: false, video: false },
    });
    expect(embed).toMatchObject({ action: 'embed_allow', source: 'embed', services: { video: true }, consentId: reject.consentId });
    expect(typeof reject.serverTime).toBe('string');
    await context.close();
  });
});

describe('the receipts chunk', () => {
  const chunkRequests = (requests: string[]) => requests.filter((url) => url.endsWith('/consent-receipts.js')).length;

  it('comes only with a decision; a withdrawal that reloads the page still delivers its receipt', async () => {
    const context = await browser.newContext();
    const { page, requests } = await openPage(context);
    await page.goto(siteUrl(server, '/vendors/reload.html'));
    await widgetReady(page);
    expect(chunkRequests(requests)).toBe(0);
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    const id = await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.id);
    await expect.poll(() => server.receipts.filter((r) => r.consentId === id).map((r) => r.action)).toEqual(['accept_all']);
    expect(chunkRequests(requests)).toBe(1);
    // A returning page view with nothing waiting in the outbox: no chunk (the retry looks at 2 s).
    requests.length = 0;
    await page.goto(siteUrl(server, '/vendors/reload.html'));
    await widgetReady(page);
    await page.waitForTimeout(2500);
    expect(chunkRequests(requests)).toBe(0);
    expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBe(1);
    // Withdrawing what ran reloads the page. In a browser that never had the chunk, and with the
    // chunk slow to come, the reload waits for it: the receipt gets through.
    const other = await browser.newContext();
    await other.addCookies(await context.cookies());
    await other.route('**/consent-receipts.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const second = await openPage(other);
    await second.page.goto(siteUrl(server, '/vendors/reload.html'));
    await widgetReady(second.page);
    expect(await second.page.evaluate(() => (window as { __ran?: number }).__ran)).toBe(1);
    const reloaded = second.page.waitForEvent('load');
    await second.page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await reloaded;
    await widgetReady(second.page);
    await expect.poll(() => server.receipts.filter((r) => r.consentId === id).map((r) => r.action)).toEqual(['accept_all', 'withdraw']);
    expect(await second.page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();
    await other.close();
    await context.close();
  });
});
