// How the widget is included, and what happens with bad input: the page never breaks, and
// nothing optional runs without consent.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;

const MODES = ['plain', 'async', 'defer', 'late'] as const;

beforeAll(async () => {
  // Served by the demo server, not by page.route(): Chromium treats a routed page as public and
  // then refuses its requests to the loopback server (Private Network Access).
  const generated = await mkdtemp(join(tmpdir(), 'anx-pages-'));
  for (const mode of MODES) await writeFile(join(generated, `load-order-${mode}.html`), loadOrderPage(mode));
  [server, browser] = await Promise.all([startDemo({ '/generated/': `${generated}/` }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const EXPECTED_ORDER = ['inline after slow: after', 'functional', 'analytics 2', 'added later'];

/** The same page, with the widget included plainly, async, defer, or injected after load. */
function loadOrderPage(mode: 'plain' | 'async' | 'defer' | 'late') {
  const widget =
    mode === 'late'
      ? `<script>window.addEventListener('load', function () { var s = document.createElement('script'); s.src = '/assets/consent/consent.js'; document.head.appendChild(s); });</script>`
      : `<script src="/assets/consent/consent.js"${mode === 'plain' ? '' : ` ${mode}`}></script>`;
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Ladereihenfolge</title>
<script>window.asmeronexaConsentConfig = { revision: 1 }; window.__order = [];</script>
${widget}
</head><body>
<script type="text/plain" data-category="analytics" data-src="/stand-in/gtag/js?id=G-SLOW"></script>
<script type="text/plain" data-category="analytics">window.__order.push('inline after slow: ' + (window.__gtagLoaded ? 'after' : 'BEFORE'));</script>
<script type="text/plain" data-category="functional">window.__order.push('functional');</script>
<script type="text/plain" data-category="analytics">window.__order.push('analytics 2');</script>
<script>
  window.addEventListener('load', function () {
    setTimeout(function () {
      document.body.insertAdjacentHTML('beforeend', '<div><script type="text/plain" data-category="analytics">window.__order.push("added later")<\\/script></div>');
    }, 50);
  });
</script>
</body></html>`;
}

describe('load order: the same behaviour however the script is included', () => {
  for (const mode of MODES) {
    it(`${mode}: nothing before consent; after acceptAll() and after a reload, everything once and in order`, async () => {
      const context = await browser.newContext();
      const url = siteUrl(server, `/generated/load-order-${mode}.html`);
      const { page, pageErrors } = await openPage(context);
      const order = () => page.evaluate(() => (window as { __order?: string[] }).__order);

      await page.goto(url);
      await widgetReady(page);
      await page.waitForTimeout(150);
      expect(await order()).toEqual([]);
      await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      await page.waitForFunction((n) => (window as { __order?: string[] }).__order!.length >= n, EXPECTED_ORDER.length);
      expect(await order()).toEqual(EXPECTED_ORDER);

      // Returning learner: activation happens on its own, while the page is still loading.
      await page.reload();
      await page.waitForFunction((n) => (window as { __order?: string[] }).__order!.length >= n, EXPECTED_ORDER.length);
      await page.waitForTimeout(100);
      expect(await order()).toEqual(EXPECTED_ORDER);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('included twice, it runs once and says so', async () => {
    const context = await browser.newContext();
    const { page, console, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server, '/test-pages/twice.html'));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as { __count?: number }).__count)).toBe(1);
    expect(console.filter((m) => m.type === 'warning' && m.text.includes('included more than once'))).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('bad input', () => {
  it('an invalid config logs one error per problem with its path, drops what is invalid, and breaks nothing', async () => {
    const context = await browser.newContext();
    const { page, console, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server, '/test-pages/bad-config.html'));
    await widgetReady(page);
    // The messages come from consent-check.js, which consent.js loads because the config has problems.
    // (The browser's own "Failed to load resource" for the favicon is not ours.)
    const ours = () => console.filter((m) => m.type === 'error' && m.text.startsWith('[asmeronexa-consent]')).map((m) => m.text);
    await expect.poll(ours).toHaveLength(7);
    const errors = ours();
    const warnings = console.filter((m) => m.type === 'warning').map((m) => m.text);
    expect(errors).toContainEqual(expect.stringMatching(/data-service="ads" is not a service in the config/));
    expect(errors.filter((text) => !text.includes('data-service='))).toEqual([
      expect.stringMatching(/^\[asmeronexa-consent\] config\.cookie\.expiresDays: must not exceed 395 days/),
      expect.stringMatching(/^\[asmeronexa-consent\] config\.services\[1\]\.id: "ga" is already used/),
      expect.stringMatching(/^\[asmeronexa-consent\] config\.services\[2\]\.category: must be one of session, analytics, functional/),
      expect.stringMatching(/^\[asmeronexa-consent\] config\.services\[3\]\.preset: must be one of google-analytics, matomo/),
      expect.stringMatching(/^\[asmeronexa-consent\] config\.services\[4\]\.cookies\[0\]/),
      expect.stringMatching(/^\[asmeronexa-consent\] config\.services\[4\]\.onAccept: must be a function/),
    ]);
    expect(warnings).toEqual([expect.stringMatching(/config\.servics: is not a known option \(did you mean "services"\?\)/)]);
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as { __pageScriptRan?: boolean }).__pageScriptRan)).toBe(true);

    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await page.waitForTimeout(100);
    const flags = await page.evaluate(() => ({ ads: (window as { __adsRan?: boolean }).__adsRan, ga: (window as { __gaRan?: boolean }).__gaRan }));
    expect(flags).toEqual({ ads: undefined, ga: true });
    const cookie = (await context.cookies()).find((c) => c.name === 'asmeronexa_consent')!;
    expect((cookie.expires * 1000 - Date.now()) / 86_400_000).toBeLessThanOrEqual(395);
    await context.close();
  });

  it('a data-config that fails to load keeps everything blocked, with an inert API and a clear error', async () => {
    const context = await browser.newContext();
    const { page, console, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server, '/test-pages/missing-config.html'));
    await page.waitForFunction(() => window.asmeronexaConsent !== undefined);
    // The text comes with consent-check.js, a moment after the code.
    await expect.poll(() => console.filter((m) => m.type === 'error').map((m) => m.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/could not load the config from .*does-not-exist\.json \(Error: HTTP 404\); everything optional stays blocked/)]),
    );
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    expect(await page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics'))).toBe(false);
    expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(await page.evaluate(() => (window as { __pageScriptRan?: boolean }).__pageScriptRan)).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a garbled consent cookie counts as no choice', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'asmeronexa_consent', value: '1|x|1|zzz|analytics+functional|google-analytics|0', domain: 'www.asmeronexa.test', path: '/' }]);
    const { page, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent())).toBeNull();
    expect(await page.evaluate(() => (window as { __demoRan?: string[] }).__demoRan)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
