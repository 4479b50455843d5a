// Real learners in a real Chromium, with the demo's default config (contract §5, §6, §8): a minor
// on a shared device, two tabs, one-click withdrawal, a refusal across a revision bump, and a
// vendor's storage keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { launch, openPage, siteUrl, startDemo, STAND_IN_HOST, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemo({ '/learners/': fileURLToPath(new URL('./pages/learners/', import.meta.url)) }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const analyticsRequests = (urls: string[]) =>
  urls.filter((url) => new URL(url).hostname === STAND_IN_HOST && /gtag|matomo/.test(url));
const accepted = (page: Page, category: string) => page.evaluate((c) => window.asmeronexaConsent!.isAccepted(c), category);
/** The widget's notice text, as a person sees it (empty when there is none). */
const noticeText = (page: Page) =>
  page.evaluate(() => {
    const box = document.getElementById('asmeronexa-consent')?.shadowRoot?.querySelector<HTMLElement>('.anx-notice');
    return box && !box.hidden ? box.innerText : '';
  });

async function acceptOnDemo(context: BrowserContext) {
  const { page } = await openPage(context);
  await page.goto(siteUrl(server));
  await widgetReady(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await expect.poll(() => accepted(page, 'analytics')).toBe(true);
  return page;
}

describe('a minor on a device where an adult accepted analytics', () => {
  it('setUser({ minor: true }) on ready: at most one reload, and no analytics on this or the next page view', async () => {
    const context = await browser.newContext();
    await (await acceptOnDemo(context)).close();
    // The platform learns that this learner is a minor and says so as soon as the widget is ready.
    await context.addInitScript(() => {
      addEventListener('asmeronexa-consent:ready', () => window.asmeronexaConsent!.setUser({ minor: true }));
    });
    const { page, requests } = await openPage(context);
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(siteUrl(server));
    await page.waitForTimeout(3000); // a reload loop would show here: it reloaded 138 times in 5 s
    expect(loads).toBeLessThanOrEqual(2);
    expect(await accepted(page, 'analytics')).toBe(false);
    // The next page view in this tab starts narrowed: GA and Matomo are never requested.
    const before = requests.length;
    await page.goto(siteUrl(server, '/'));
    await widgetReady(page);
    await page.waitForTimeout(800);
    expect(analyticsRequests(requests.slice(before))).toEqual([]);
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.categories.analytics)).toBe(false);
    await context.close();
  });

  it('a returning visit without tab flags never opens sessionStorage; setUser({ minor: true }) sets the hint, and the next view reads the flag', async () => {
    const context = await browser.newContext();
    await (await acceptOnDemo(context)).close();
    // Counts every access to sessionStorage, from before the widget runs.
    await context.addInitScript(() => {
      const owner = Object.getOwnPropertyDescriptor(window, 'sessionStorage') ? window : Window.prototype;
      const real = Object.getOwnPropertyDescriptor(owner, 'sessionStorage')!;
      Object.defineProperty(owner, 'sessionStorage', {
        configurable: true,
        get() {
          (window as { __sessionStorageUses?: number }).__sessionStorageUses = ((window as { __sessionStorageUses?: number }).__sessionStorageUses ?? 0) + 1;
          return real.get!.call(this);
        },
      });
    });
    const uses = (page: Page) => page.evaluate(() => (window as { __sessionStorageUses?: number }).__sessionStorageUses ?? 0);
    const { page } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    expect(await uses(page)).toBe(0);
    expect(await accepted(page, 'analytics')).toBe(true);
    await page.evaluate(() => window.asmeronexaConsent!.setUser({ minor: true }));
    await expect.poll(async () => (await context.cookies()).map((c) => c.name)).toContain('asmeronexa_consent_tab');
    const hint = (await context.cookies()).find((c) => c.name === 'asmeronexa_consent_tab')!;
    expect(hint.expires).toBe(-1); // a session cookie
    await page.goto(siteUrl(server));
    await widgetReady(page);
    expect(await uses(page)).toBeGreaterThan(0);
    expect(await accepted(page, 'analytics')).toBe(false);
    await context.close();
  });

  it('a minor said by setUser on a first visit: no cookie before the decision, the hint with it, and the next view starts narrowed', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.setUser({ minor: true }));
    await page.waitForTimeout(300);
    expect(await context.cookies()).toEqual([]);
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await expect.poll(async () => (await context.cookies()).map((c) => c.name).sort()).toEqual(['asmeronexa_consent', 'asmeronexa_consent_tab']);
    expect(await accepted(page, 'analytics')).toBe(false);
    await page.reload();
    await widgetReady(page);
    // Known as a minor from the start of this view: "accept all" still leaves analytics off.
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    expect(await accepted(page, 'analytics')).toBe(false);
    await context.close();
  });
});

describe('two tabs', () => {
  it('a withdrawal in one tab applies in the other without reloading it: its unsaved input survives, and it says a reload completes the change', async () => {
    const context = await browser.newContext();
    const first = await acceptOnDemo(context);
    const { page: second } = await openPage(context);
    await second.goto(siteUrl(server));
    await widgetReady(second);
    await expect.poll(() => accepted(second, 'functional')).toBe(true);
    // A half-typed answer in the second tab.
    await second.evaluate(() => {
      const answer = document.createElement('textarea');
      answer.id = 'answer';
      document.querySelector('main')!.append(answer);
      (window as { __sameDocument?: boolean }).__sameDocument = true;
    });
    await second.fill('#answer', 'Meine halbe Antwort');
    await first.bringToFront();
    await first.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await expect.poll(() => accepted(second, 'functional')).toBe(false);
    await second.bringToFront();
    await expect.poll(() => noticeText(second)).toMatch(/Die Änderung wird beim nächsten Laden vollständig wirksam/);
    expect(await second.inputValue('#answer')).toBe('Meine halbe Antwort');
    expect(await second.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // The notice is a status message with a button that completes the change when the learner wants.
    const notice = second.locator('#asmeronexa-consent .anx-notice');
    expect(await notice.getAttribute('role')).toBe('status');
    await expect.poll(() => second.getByRole('button', { name: 'Jetzt neu laden' }).count()).toBe(1);
    await context.close();
  });
});

describe('withdrawal', () => {
  it('after the reload a withdrawal needs, the page says the change was saved (the tab flag is read on a reload, without a hint cookie)', async () => {
    const context = await browser.newContext();
    const page = await acceptOnDemo(context);
    const reloaded = page.waitForEvent('load');
    // The demo's font-size script (functional) has run: withdrawing it reloads the page.
    await page.evaluate(() => window.asmeronexaConsent!.setConsent({ functional: false }));
    await reloaded;
    await widgetReady(page);
    await expect.poll(() => noticeText(page), { timeout: 10_000 }).toContain('Ihre Auswahl ist gespeichert.');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('asmeronexa_consent_tab');
    await context.close();
  });

  it('one click on [data-consent-withdraw] withdraws every optional consent and says so', async () => {
    const context = await browser.newContext();
    const page = await acceptOnDemo(context);
    await page.getByRole('link', { name: 'Einwilligung widerrufen' }).click();
    // The font-size script had run, so the page reloads once; then it says the change was saved.
    await expect.poll(() => noticeText(page), { timeout: 10_000 }).toMatch(/widerrufen|gespeichert/);
    await widgetReady(page);
    const consent = await page.evaluate(() => window.asmeronexaConsent!.getConsent());
    expect(consent!.categories).toEqual({ session: true, analytics: false, functional: false });
    expect(Object.values(consent!.services).some(Boolean)).toBe(false);
    await context.close();
  });

  it('the reopen button comes after the page content in the Tab order and is named "Cookie-Einstellungen"', async () => {
    const context = await browser.newContext();
    const page = await acceptOnDemo(context);
    await page.reload();
    await widgetReady(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    expect(await page.evaluate(() => document.body.lastElementChild?.id)).toBe('asmeronexa-consent');
    await expect.poll(() => page.getByRole('button', { name: 'Cookie-Einstellungen' }).count()).toBe(1);
    await context.close();
  });
});

describe('a revision bump', () => {
  const open = async (context: BrowserContext, rev: number) => {
    const { page } = await openPage(context);
    await page.goto(siteUrl(server, `/learners/revision.html?rev=${rev}`));
    await widgetReady(page);
    return page;
  };
  const asks = (page: Page) => page.evaluate(() => window.asmeronexaConsent!.getConsent() === null);

  it('does not ask again after a refusal of everything, but does after an acceptance', async () => {
    const refused = await browser.newContext();
    await (await open(refused, 1)).evaluate(() => window.asmeronexaConsent!.rejectAll());
    const afterRefusal = await open(refused, 2);
    expect(await asks(afterRefusal)).toBe(false);
    expect(await afterRefusal.getByRole('button', { name: 'Alle akzeptieren' }).count()).toBe(0);
    await refused.close();

    const acceptedCtx = await browser.newContext();
    await (await open(acceptedCtx, 1)).evaluate(() => window.asmeronexaConsent!.acceptAll());
    const afterAcceptance = await open(acceptedCtx, 2);
    expect(await asks(afterAcceptance)).toBe(true);
    await expect.poll(() => afterAcceptance.getByRole('button', { name: 'Alle akzeptieren' }).count()).toBe(1);
    await acceptedCtx.close();
  });
});

describe('storage keys', () => {
  it("a withdrawn service's localStorage and sessionStorage keys are removed; the page's own stay", async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.goto(siteUrl(server, '/learners/storage.html'));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await page.waitForFunction(() => (window as { __heatmapRan?: boolean }).__heatmapRan === true);
    const keys = () => page.evaluate(() => [...Object.keys(localStorage).map((k) => `local:${k}`), ...Object.keys(sessionStorage).map((k) => `session:${k}`)].sort());
    expect(await keys()).toEqual(['local:_hjSession', 'local:page-own-key', 'session:_hjTLDTest']);
    await page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await page.waitForLoadState('load'); // the heatmap's code had run: the page reloads once
    await widgetReady(page);
    expect((await keys()).filter((k) => !k.includes('asmeronexa-consent'))).toEqual(['local:page-own-key']);
    await context.close();
  });
});

describe('receipts the server did not take', () => {
  it('wait in the outbox and go again on the next page view, once the server answers (idempotent by eventId)', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    // The receipt server is down for the first decision.
    await page.route('**/api/consent-receipts', (route) => route.fulfill({ status: 503, body: '' }));
    await page.goto(siteUrl(server));
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    const id = await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.id);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('asmeronexa-consent:outbox') ?? '')).toContain(id);
    expect(server.receipts.filter((r) => r.consentId === id)).toEqual([]);
    // Back up: the next page view sends it again, and the outbox empties.
    await page.unroute('**/api/consent-receipts');
    await page.goto(siteUrl(server, '/'));
    await widgetReady(page);
    await expect.poll(() => server.receipts.filter((r) => r.consentId === id).map((r) => r.action), { timeout: 10_000 }).toEqual(['reject_all']);
    // Settled once the server's 204 (sent after its commit) is back: give a busy machine time.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('asmeronexa-consent:outbox')), { timeout: 10_000 }).toBeNull();
    await context.close();
  });
});
