// Issue 15 in Chromium: per-service switches, the refusal of a tracker in `session`, the embed
// placeholder's names, blocking mode on the privacy policy page, axe in every state, 320×180,
// text spacing (WCAG 1.4.12). Writes the README screenshots' candidates to test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { axe, launch, openPage, ran, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;
const SHOTS = join(__dirname, '../../test-results/screenshots');

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemo(), launch(), mkdir(SHOTS, { recursive: true })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path = '/', options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const opened = await openPage(context);
  await opened.page.goto(siteUrl(server, path));
  await widgetReady(opened.page);
  return { context, ...opened };
}


async function openSettings(page: Page) {
  await page.evaluate(() => window.asmeronexaConsent!.showPreferences());
  const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen' });
  await dialog.waitFor();
  return dialog;
}
async function expandAll(dialog: Locator) {
  const toggles = dialog.getByRole('button', { name: /Dienste anzeigen/ });
  while ((await toggles.count()) > 0) await toggles.first().click();
}

describe('per-service switches', () => {
  it('one service alone: only its script loads, its category reads "teilweise", and it can be switched off again', async () => {
    const { context, page } = await visit('/', { viewport: { width: 1280, height: 900 } });
    let dialog = await openSettings(page);
    await dialog.getByRole('button', { name: 'Dienste anzeigen (2)' }).first().click(); // analytics
    await dialog.getByRole('switch', { name: 'Matomo' }).click();
    const analytics = dialog.getByRole('switch', { name: 'Analyse-Cookies' });
    await expect.poll(() => analytics.textContent()).toContain('teilweise');
    await dialog.getByRole('button', { name: 'Auswahl speichern' }).click();
    await expect.poll(() => ran(page)).toContain('matomo.js');
    expect(await ran(page)).not.toContain('gtag.js');
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.services)).toMatchObject({ matomo: true, 'google-analytics': false });

    dialog = await openSettings(page);
    await dialog.getByRole('button', { name: 'Dienste anzeigen (2)' }).first().click();
    const matomo = dialog.getByRole('switch', { name: 'Matomo' });
    expect(await matomo.getAttribute('aria-checked')).toBe('true');
    await matomo.click();
    await page.evaluate(() => ((window as { __reloads?: number }).__reloads = 0));
    await dialog.getByRole('button', { name: 'Auswahl speichern' }).click();
    await page.waitForLoadState('load'); // withdrawing what ran reloads the page (reloadOnWithdraw)
    await widgetReady(page);
    expect(await page.evaluate(() => window.asmeronexaConsent!.isServiceAccepted('matomo'))).toBe(false);
    await context.close();
  });

  it('"<Service> immer erlauben" on an embed shows in the settings, and is withdrawn there', async () => {
    const { context, page } = await visit();
    const placeholder = page.locator('[data-consent-placeholder]');
    await placeholder.getByRole('button', { name: 'Interaktive Übungen immer erlauben' }).click();
    await page.locator('iframe[src*="quiz.html"]').waitFor({ state: 'attached' });
    const dialog = await openSettings(page);
    const functional = dialog.getByRole('switch', { name: 'Funktionale Cookies' });
    expect(await functional.getAttribute('aria-checked')).toBe('false');
    expect(await functional.textContent()).toContain('teilweise');
    await dialog.getByRole('button', { name: 'Dienste anzeigen (2)' }).last().click(); // functional
    const tool = dialog.getByRole('switch', { name: 'Interaktive Übungen' });
    expect(await tool.getAttribute('aria-checked')).toBe('true');
    await tool.click();
    await dialog.getByRole('button', { name: 'Auswahl speichern' }).click();
    await page.waitForLoadState('load');
    await widgetReady(page);
    expect(await page.evaluate(() => window.asmeronexaConsent!.isServiceAccepted('lerntool'))).toBe(false);
    await page.locator('[data-consent-placeholder]').getByRole('button', { name: 'Interaktive Übungen einmal laden' }).waitFor();
    await context.close();
  });
});

describe('no tracker as a session service', () => {
  it('a google-analytics preset and a matomo.js under category "session" are refused: nothing is requested, the console says why', async () => {
    const { context, page, requests, console } = await visit('/test-pages/session-tracker.html');
    await page.waitForTimeout(500);
    expect(requests.filter((url) => url.includes('/stand-in/'))).toEqual([]);
    expect(await ran(page)).toEqual([]);
    expect(await page.evaluate(() => window.asmeronexaConsent!.isServiceAccepted('google-analytics'))).toBe(false);
    await expect
      .poll(() => console.filter((m) => m.type === 'error').map((m) => m.text).join('\n'))
      .toContain('config.services[0].category: "google-analytics" contacts known tracking hosts');
    expect(console.map((m) => m.text).join('\n')).toContain('config.services[1].category: "matomo" contacts known tracking hosts');
    await context.close();
  });
});

describe('the embed placeholder names what is sent where', () => {
  it('from the service facts, with the service on both buttons; axe clean, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, requests } = await visit('/', { colorScheme });
      const placeholder = page.locator('[data-consent-placeholder]');
      await placeholder.getByRole('button', { name: 'Interaktive Übungen einmal laden' }).waitFor();
      const text = await placeholder.evaluate((el) => el.shadowRoot!.textContent);
      expect(text).toContain('Dieser Inhalt kommt von Übungsanbieter (Demo)');
      expect(text).toMatch(/Dann erhält [\w.-]+ \(Deutschland\): Ihre IP-Adresse, Angaben zu Ihrem Browser und Ihre Antworten in der Übung\./);
      expect(await placeholder.getByRole('button').allTextContents()).toEqual(['Interaktive Übungen einmal laden', 'Interaktive Übungen immer erlauben']);
      expect(requests.filter((url) => url.includes('quiz.html'))).toEqual([]);
      expect(await axe(page, ['[data-consent-placeholder]'])).toEqual([]);
      await context.close();
    }
  });
});

describe('blocking: true', () => {
  it('is modal on a course page; its privacy link opens the policy page readable, with the banner not modal there', async () => {
    const { context, page } = await visit('/test-pages/blocking.html');
    const modal = page.getByRole('dialog', { name: 'Cookies auf asmeronexa' });
    await modal.waitFor();
    expect(await page.locator('main').evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await modal.getByRole('link', { name: 'Datenschutzerklärung' }).click();
    await page.waitForURL(/datenschutz\.html$/);
    await widgetReady(page);
    const banner = page.getByRole('region', { name: 'Cookies auf asmeronexa' });
    await banner.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('main').evaluate((el) => (el as HTMLElement).inert)).toBe(false);
    // Readable: the policy text is not covered, and the page can be used (its link focused).
    const covered = await page.locator('#policy').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 5, r.top + 5);
      return hit !== el && !el.contains(hit);
    });
    expect(covered).toBe(false);
    await page.locator('main').getByRole('link', { name: 'Datenschutz', exact: true }).focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Datenschutz');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe('accessibility in every state', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`banner, settings with every service open, a service switched, after saving: no axe violation (${colorScheme})`, async () => {
      const { context, page } = await visit('/', { colorScheme });
      await page.getByRole('region', { name: 'Cookies auf asmeronexa' }).waitFor();
      expect(await axe(page)).toEqual([]);
      const dialog = await openSettings(page);
      await expandAll(dialog);
      await dialog.getByRole('switch', { name: 'Matomo' }).click(); // "teilweise"
      expect(await axe(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Alle ablehnen' }).click();
      await page.getByRole('button', { name: 'Cookie-Einstellungen' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await context.close();
    });
  }

  it('at 320×180 CSS px (400 % zoom on a small screen) every switch and button can be reached and seen', async () => {
    const { context, page } = await visit('/', { viewport: { width: 320, height: 180 } });
    const banner = page.getByRole('region', { name: 'Cookies auf asmeronexa' });
    await banner.waitFor();
    await page.screenshot({ path: join(SHOTS, 'banner-de-320x180.png') });
    expect(await axe(page)).toEqual([]);
    await banner.getByRole('button', { name: 'Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen' });
    await dialog.waitFor();
    await expandAll(dialog);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // By keyboard: each switch and button in turn gets focus and is then in view, not covered.
    const names = await page.evaluate(async () => {
      const root = document.getElementById('asmeronexa-consent')!.shadowRoot!;
      const seen: string[] = [];
      const items = Array.from(root.querySelectorAll<HTMLElement>('.anx-dialog [role=switch]:not([disabled]), .anx-dialog .anx-button'));
      for (const el of items) {
        el.focus();
        await new Promise((r) => requestAnimationFrame(r));
        const r = el.getBoundingClientRect();
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (r.top >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth && hit && el.contains(hit)) seen.push(el.getAttribute('aria-labelledby') ?? el.textContent!);
      }
      return { seen: seen.length, all: items.length };
    });
    expect(names.all).toBeGreaterThanOrEqual(9); // 2 categories + 4 services + 3 buttons
    expect(names.seen).toBe(names.all);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('on a phone (320 px) the settings use their narrow layout: less padding, one column per fact', async () => {
    const { context, page } = await visit('/', { viewport: { width: 320, height: 640 } });
    await page.getByRole('region', { name: 'Cookies auf asmeronexa' }).waitFor();
    const dialog = await openSettings(page);
    await expandAll(dialog);
    const layout = await dialog.evaluate((el) => ({
      head: getComputedStyle(el.querySelector('.anx-dialog-head')!).paddingLeft,
      body: getComputedStyle(el.querySelector('.anx-dialog-body')!).paddingLeft,
      facts: getComputedStyle(el.querySelector('.anx-service dl')!).gridTemplateColumns.split(' ').length,
    }));
    expect(layout).toEqual({ head: '16px', body: '16px', facts: 1 });
    await context.close();
  });

  it('text spacing (WCAG 1.4.12): with the maximum spacing no text is cut off', async () => {
    const { context, page } = await visit('/', { viewport: { width: 320, height: 640 } });
    await page.getByRole('region', { name: 'Cookies auf asmeronexa' }).waitFor();
    const spacing = () =>
      page.evaluate(() => {
        const root = document.getElementById('asmeronexa-consent')!.shadowRoot!;
        if (!root.getElementById('spacing')) {
          const style = document.createElement('style');
          style.id = 'spacing';
          style.textContent = '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }';
          root.append(style);
        }
        // Anything with text whose content overflows its own box is cut off or overlaps.
        return Array.from(root.querySelectorAll<HTMLElement>('button, a, h2, h3, h4, p, li, dt, dd, .anx-switch-state'))
          .filter((el) => el.getClientRects().length && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && getComputedStyle(el).overflow !== 'visible')
          .map((el) => `${el.tagName} ${el.className}: ${el.textContent!.slice(0, 30)}`);
      });
    expect(await spacing()).toEqual([]);
    const dialog = await openSettings(page);
    await expandAll(dialog);
    expect(await spacing()).toEqual([]);
    // The switch texts still fit next to their switches, within the dialog.
    const clipped = await dialog.locator('.anx-switch').evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().right > el.closest('.anx-dialog')!.getBoundingClientRect().right + 1).length,
    );
    expect(clipped).toBe(0);
    await context.close();
  });
});

describe('README screenshots (docs/)', () => {
  it('banner 1280×800 and the settings dialog at 320×640, German', async () => {
    const wide = await visit('/', { viewport: { width: 1280, height: 800 } });
    await wide.page.getByRole('region', { name: 'Cookies auf asmeronexa' }).waitFor();
    await wide.page.screenshot({ path: join(SHOTS, 'docs-banner-de.png') });
    await wide.context.close();
    const narrow = await visit('/', { viewport: { width: 320, height: 640 } });
    await narrow.page.getByRole('region', { name: 'Cookies auf asmeronexa' }).waitFor();
    await narrow.page.screenshot({ path: join(SHOTS, 'docs-banner-de-320.png') });
    const dialog = await openSettings(narrow.page);
    await dialog.getByRole('button', { name: 'Dienste anzeigen (2)' }).first().click();
    await dialog.getByRole('switch', { name: 'Matomo' }).click();
    // The category reads "teilweise"; Google Analytics' card with its switch and facts in view.
    await dialog.getByRole('switch', { name: 'Google Analytics' }).evaluate((el) => el.closest('li')!.scrollIntoView({ block: 'start' }));
    await narrow.page.waitForTimeout(250);
    await narrow.page.screenshot({ path: join(SHOTS, 'docs-dialog-de-320.png') });
    await narrow.context.close();
  });
});
