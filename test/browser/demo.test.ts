// The demo course page in a real Chromium: what a learner's browser and the network see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cookieNames, launch, openPage, ran, siteUrl, startDemo, STAND_IN_HOST, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemo(), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const toStandIn = (urls: string[]) => urls.filter((url) => new URL(url).hostname === STAND_IN_HOST);
// What runs after consent on the demo: the two presets' vendor scripts (async, any order) and
// the blocked font-size script. Ordered activation is tested on its own page (robustness.test.ts).
const AFTER_CONSENT = ['darstellung', 'gtag.js', 'matomo.js'];
const allRan = (page: Page) =>
  page.waitForFunction((n) => ((window as { __demoRan?: string[] }).__demoRan ?? []).length >= n, AFTER_CONSENT.length);

describe('the demo course page (German)', () => {
  it('sends no request to an analytics or embed host before consent, and stores nothing', async () => {
    const context = await browser.newContext();
    const { page, requests, pageErrors } = await openPage(context);
    const logBefore = server.log.length;
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.waitForTimeout(700); // longer than the stand-ins would take to be requested
    expect(toStandIn(requests)).toEqual([]);
    expect(server.log.length).toBe(logBefore);
    expect(await ran(page)).toEqual([]);
    expect(await page.getAttribute('iframe', 'src')).toBeNull();
    expect(await page.locator('[data-consent-placeholder]').count()).toBe(1);
    expect(await cookieNames(context)).toEqual([]);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent())).toBeNull();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('"Alle akzeptieren" loads GA and Matomo through their presets, runs the blocked script and loads the embed', async () => {
    const context = await browser.newContext();
    const { page, requests, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.getByRole('region', { name: 'Cookies auf asmeronexa' }).getByRole('button', { name: 'Alle akzeptieren' }).click();
    await allRan(page);
    expect((await ran(page)).sort()).toEqual(AFTER_CONSENT);
    await page.frameLocator('iframe').getByText('Kurzübung').waitFor();
    await expect.poll(() => toStandIn(requests).some((url) => url.includes('matomo.php'))).toBe(true);
    const paths = toStandIn(requests).map((url) => new URL(url).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/stand-in/gtag/js', '/stand-in/g/collect', '/stand-in/matomo/matomo.js', '/stand-in/matomo/matomo.php', '/stand-in/tool/quiz.html']));
    await expect.poll(() => cookieNames(context)).toEqual(expect.arrayContaining(['asmeronexa_consent@www.asmeronexa.test', '_ga@.asmeronexa.test']));
    const cookie = (await context.cookies()).find((c) => c.name === 'asmeronexa_consent')!;
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', secure: false, httpOnly: false });
    const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(181.9);
    expect(days).toBeLessThanOrEqual(182);
    expect(cookie.name.length + cookie.value.length).toBeLessThan(300);
    expect(pageErrors).toEqual([]);

    // A returning learner: the choice is restored without any interaction.
    const consent = await page.evaluate(() => window.asmeronexaConsent!.getConsent());
    await page.reload();
    await widgetReady(page);
    await allRan(page);
    expect((await ran(page)).sort()).toEqual(AFTER_CONSENT);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent())).toEqual(consent);
    await context.close();
  });

  it('rejectAll() deletes a _ga cookie that was set on the parent domain', async () => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: '_ga', value: 'GA1.1.123.456', domain: '.asmeronexa.test', path: '/' },
      { name: '_ga_DEMO123', value: 'GS1.1.1', domain: '.asmeronexa.test', path: '/' },
      { name: '_pk_id.1.a1b2', value: 'abc', domain: 'www.asmeronexa.test', path: '/' },
      { name: 'moodle_session', value: 'keep-me', domain: 'www.asmeronexa.test', path: '/' },
    ]);
    const { page, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await expect.poll(() => cookieNames(context)).toEqual(['asmeronexa_consent@www.asmeronexa.test', 'moodle_session@www.asmeronexa.test']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('withdrawing after analytics ran deletes its cookies everywhere and stops it without a reload', async () => {
    const context = await browser.newContext();
    const { page, requests } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await allRan(page);
    await expect.poll(() => toStandIn(requests).some((url) => url.includes('matomo.php'))).toBe(true);
    await expect.poll(() => cookieNames(context)).toContain('_ga@.asmeronexa.test');

    // GA and Matomo stop themselves (ga-disable and the Consent Mode update; forgetConsentGiven):
    // no reload is needed, the page and what the learner typed stay (issue 13).
    await page.evaluate(() => ((window as { __samePage?: boolean }).__samePage = true));
    await page.evaluate(() => window.asmeronexaConsent!.setConsent({ analytics: false }));
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as Record<string, boolean>)['ga-disable-G-DEMO123'])).toBe(true);
    await expect.poll(() => cookieNames(context)).not.toContain('_ga@.asmeronexa.test');
    await expect.poll(async () => (await cookieNames(context)).filter((c) => c.startsWith('_pk_'))).toEqual([]);
    // The next page view starts without them.
    requests.length = 0;
    await page.reload();
    await widgetReady(page);
    await page.waitForTimeout(700);
    expect(toStandIn(requests).map((url) => new URL(url).pathname)).toEqual(['/stand-in/tool/quiz.html']);
    expect(await ran(page)).toEqual(['darstellung']);
    await context.close();
  });

  it('the footer link "Cookie-Einstellungen" opens the settings; Escape brings focus back to it', async () => {
    const context = await browser.newContext();
    const { page, pageErrors } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    const link = page.locator('footer').getByRole('link', { name: 'Cookie-Einstellungen' });
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen' });
    await dialog.waitFor();
    expect(page.url()).toBe(siteUrl(server));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cookie-Einstellungen');
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent())).toBeNull();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('the English twin (config from data-config)', () => {
  it('loads its JSON config, blocks until consent, then runs the same scripts', async () => {
    const context = await browser.newContext();
    const { page, requests, pageErrors, console } = await openPage(context);
    await page.goto(siteUrl(server, '/en/'));
    await widgetReady(page);
    await page.waitForTimeout(300);
    expect(toStandIn(requests)).toEqual([]);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await allRan(page);
    expect((await ran(page)).sort()).toEqual(AFTER_CONSENT);
    expect(pageErrors).toEqual([]);
    expect(console.filter((m) => m.type === 'error')).toEqual([]);
    await context.close();
  });
});
