// The banner and the settings dialog in Chromium: accessibility (axe, keyboard, targets, reflow,
// forced colours), lazy loading, and screenshots written to test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { axe, launch, openPage, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

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

const TEXT = {
  de: { banner: 'Cookies auf asmeronexa', settings: 'Einstellungen', dialog: 'Cookie-Einstellungen', show: /Dienste anzeigen/ },
  en: { banner: 'Cookies on asmeronexa', settings: 'Settings', dialog: 'Cookie settings', show: /Show services/ },
};

async function firstVisit(path = '/', options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const opened = await openPage(context);
  await opened.page.goto(siteUrl(server, path));
  await widgetReady(opened.page);
  return { context, ...opened };
}


describe('accessibility (axe: wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`banner and dialog have no violation, ${colorScheme}`, async () => {
      const { context, page } = await firstVisit('/', { colorScheme });
      const banner = page.getByRole('region', { name: TEXT.de.banner });
      await banner.waitFor();
      expect(await axe(page)).toEqual([]);
      await banner.getByRole('button', { name: 'Einstellungen' }).click();
      const dialog = page.getByRole('dialog', { name: TEXT.de.dialog });
      // Expand every service list (a clicked toggle is renamed, so always take the first left).
      const toggles = dialog.getByRole('button', { name: TEXT.de.show });
      while ((await toggles.count()) > 0) await toggles.first().click();
      expect(await axe(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Alle ablehnen' }).click();
      await page.getByRole('button', { name: 'Cookie-Einstellungen' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await context.close();
    });
  }
});

describe('screenshots (test artefacts: look at them)', () => {
  for (const lang of ['de', 'en'] as const) {
    for (const [width, height] of [[1280, 800], [320, 640]]) {
      it(`${lang} ${width}×${height}: banner and dialog, no horizontal scrolling`, async () => {
        const { context, page } = await firstVisit(lang === 'de' ? '/' : '/en/', { viewport: { width, height } });
        const banner = page.getByRole('region', { name: TEXT[lang].banner });
        await banner.waitFor();
        await page.waitForTimeout(250); // the slide-in animation
        await page.screenshot({ path: join(SHOTS, `banner-${lang}-${width}x${height}.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        const box = (await banner.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);

        await banner.getByRole('button', { name: TEXT[lang].settings }).click();
        const dialog = page.getByRole('dialog', { name: TEXT[lang].dialog });
        await dialog.getByRole('button', { name: TEXT[lang].show }).first().click();
        await page.waitForTimeout(250);
        await page.screenshot({ path: join(SHOTS, `dialog-${lang}-${width}x${height}.png`) });
        const dialogBox = (await dialog.boundingBox())!;
        expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(width);
        expect(dialogBox.y + dialogBox.height).toBeLessThanOrEqual(height);
        await context.close();
      });
    }
  }
});

describe('keyboard only', () => {
  it('banner first in the tab order; settings by keyboard; Space toggles; save; focus lands on the reopen button', async () => {
    const { context, page } = await firstVisit();
    await page.getByRole('region', { name: TEXT.de.banner }).waitFor();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement ?? host;
      return (inner?.getAttribute('aria-label') || inner?.textContent || '').trim();
    });
    expect(await focused()).toBe('Datenschutzerklärung');
    for (const expected of ['Impressum', 'Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']) {
      await page.keyboard.press('Tab');
      expect(await focused()).toBe(expected);
    }
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: TEXT.de.dialog }).waitFor();
    expect(await focused()).toBe('Cookie-Einstellungen'); // the dialog heading
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Schließen ohne Änderung');
    await page.keyboard.press('Tab'); // the session switch is disabled: skipped; its list (the consent cookie) is not
    expect(await focused()).toBe('Dienste anzeigen (1)');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('aus'); // the analytics switch (its visible state text)
    await page.keyboard.press('Space');
    expect(await page.getByRole('switch', { name: 'Analyse-Cookies' }).getAttribute('aria-checked')).toBe('true');
    // Shift+Tab from the first element wraps to the last: "Auswahl speichern".
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Auswahl speichern');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.categories)).toEqual({ session: true, analytics: true, functional: false });
    await expect.poll(focused).toBe('Cookie-Einstellungen');
    expect(await page.locator('#asmeronexa-consent').getByRole('status').textContent()).toBe('Ihre Auswahl wurde gespeichert.');

    // Reopen with the keyboard, withdraw: as few steps as consenting took.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: TEXT.de.dialog }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Cookie-Einstellungen');
    await context.close();
  });
});

describe('how it looks and behaves', () => {
  it('service lists stay hidden until their disclosure button opens them', async () => {
    const { context, page } = await firstVisit();
    await page.getByRole('region', { name: TEXT.de.banner }).getByRole('button', { name: 'Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: TEXT.de.dialog });
    // Found by what it controls: its name changes when it opens.
    const controls = await dialog.getByRole('button', { name: TEXT.de.show }).first().getAttribute('aria-controls');
    const toggle = dialog.locator(`[aria-controls="${controls}"]`);
    const list = dialog.locator(`#${controls}`);
    expect(await list.isVisible()).toBe(false);
    await toggle.click();
    expect(await list.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await context.close();
  });

  it('the three banner buttons are equal in size, colour and weight, and at least 44 px high', async () => {
    const { context, page } = await firstVisit();
    const buttons = page.getByRole('region', { name: TEXT.de.banner }).getByRole('button');
    const looks = await buttons.evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { bg: s.backgroundColor, color: s.color, weight: s.fontWeight, size: s.fontSize, border: s.borderTopWidth, w: Math.round(r.width), h: Math.round(r.height) };
      }),
    );
    expect(looks).toHaveLength(3);
    for (const look of looks.slice(1)) {
      expect({ ...look, w: 0, h: 0 }).toEqual({ ...looks[0], w: 0, h: 0 });
      expect(Math.abs(look.w - looks[0].w)).toBeLessThanOrEqual(2);
      expect(Math.abs(look.h - looks[0].h)).toBeLessThanOrEqual(2);
    }
    expect(looks[0].h).toBeGreaterThanOrEqual(44);
    await context.close();
  });

  it('at 200 % zoom (640 × 400 CSS px) everything is reachable without horizontal scrolling', async () => {
    const { context, page } = await firstVisit('/', { viewport: { width: 640, height: 400 } });
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    await banner.getByRole('button', { name: 'Einstellungen' }).scrollIntoViewIfNeeded();
    await banner.getByRole('button', { name: 'Einstellungen' }).click();
    const save = page.getByRole('button', { name: 'Auswahl speichern' });
    await save.waitFor();
    expect(await save.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await context.close();
  });

  it('the banner is fully there in its first frame; the dialog slides in, except with reduced motion', async () => {
    const { context, page } = await firstVisit();
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    // No fade-in: the buttons can be read and pressed the moment the banner appears.
    expect(await banner.evaluate((el) => [getComputedStyle(el).animationName, getComputedStyle(el).opacity])).toEqual(['none', '1']);
    await banner.getByRole('button', { name: TEXT.de.settings }).click();
    const dialog = page.getByRole('dialog', { name: TEXT.de.dialog });
    expect(await dialog.evaluate((el) => getComputedStyle(el).animationName)).toBe('anx-in');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await dialog.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await context.close();
  });

  it('forced colours keep the buttons outlined', async () => {
    const { context, page } = await firstVisit();
    await page.emulateMedia({ forcedColors: 'active' });
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    const border = await banner.getByRole('button').first().evaluate((el) => getComputedStyle(el).borderTopStyle);
    expect(border).toBe('solid');
    await context.close();
  });

  it('tabbing through the page never leaves the focused element behind the banner (WCAG 2.4.11)', async () => {
    const { context, page } = await firstVisit('/', { viewport: { width: 1280, height: 600 } });
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    await banner.waitFor();
    const top = (await banner.boundingBox())!.y;
    // Tab from the banner through the whole page; every focused page element ends above the banner.
    await banner.getByRole('button', { name: 'Einstellungen' }).focus();
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const box = await page.evaluate(() => {
        const host = document.activeElement;
        if (!host || host === document.body || host.id === 'asmeronexa-consent') return null;
        // Inside an embed placeholder, what has focus is its button, not the whole box.
        const el = host.shadowRoot?.activeElement ?? host;
        const r = el.getBoundingClientRect();
        return { bottom: r.bottom, height: r.height };
      });
      if (!box || box.height === 0) continue;
      expect(box.bottom).toBeLessThanOrEqual(top + 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Alle ablehnen' }).click();
    expect(await page.evaluate(() => document.documentElement.style.scrollPaddingBottom)).toBe('');
    await context.close();
  });

  it('a decision through the page API closes the banner', async () => {
    const { context, page } = await firstVisit();
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    await banner.waitFor();
    await page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await banner.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('lazy loading', () => {
  it('a returning learner loads no UI chunk and no locale; the reopen button loads the settings on demand', async () => {
    const { context, page, requests } = await firstVisit();
    await page.getByRole('button', { name: 'Alle ablehnen' }).click();
    requests.length = 0;
    await page.reload();
    await widgetReady(page);
    const reopen = page.getByRole('button', { name: 'Cookie-Einstellungen' });
    await reopen.waitFor();
    const loaded = () => requests.map((url) => new URL(url).pathname);
    expect(loaded()).not.toContain('/assets/consent/consent-ui.js');
    expect(loaded().filter((p) => p.includes('/locales/'))).toEqual([]);
    // The demo's config is clean: the validator's messages are not needed either.
    expect(loaded()).not.toContain('/assets/consent/consent-check.js');
    await reopen.click();
    await page.getByRole('dialog', { name: TEXT.de.dialog }).waitFor();
    expect(loaded()).toContain('/assets/consent/consent-ui.js');
    await context.close();
  });

  it('a first visit preloads only the first layer (no i18next, no dialog); the settings bring the full UI, once, and focus returns to the banner', async () => {
    const { context, page, requests } = await firstVisit();
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    await banner.waitFor();
    const consentFiles = () => requests.map((url) => new URL(url).pathname).filter((p) => /\/consent-(banner|ui)/.test(p));
    expect(consentFiles()).toEqual(['/assets/consent/consent-banner.de.js']);
    const preload = await page.evaluate(() => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="preload"][href$="/consent-banner.de.js"]');
      return link && { as: link.getAttribute('as'), inHead: link.parentElement === document.head };
    });
    expect(preload).toEqual({ as: 'script', inHead: true });
    await banner.getByRole('button', { name: 'Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: TEXT.de.dialog });
    await dialog.waitFor();
    expect(consentFiles()).toEqual(['/assets/consent/consent-banner.de.js', '/assets/consent/consent-ui.js']);
    // One banner behind the dialog (the full UI's; the first layer's is gone), inert meanwhile.
    expect(await page.locator('#asmeronexa-consent .anx-banner').count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('Einstellungen');
    await banner.getByRole('button', { name: 'Einstellungen' }).click();
    await dialog.waitFor();
    expect(consentFiles()).toHaveLength(2);
    await context.close();
  });

  it('the placeholder code (consent-embed.js) loads only while an iframe is blocked', async () => {
    const { context, page, requests } = await firstVisit();
    // The demo's quiz iframe is blocked until consent: its placeholder needs the chunk.
    await page.locator('[data-consent-placeholder]').getByRole('button', { name: /einmal laden$/ }).waitFor();
    expect(requests.filter((url) => url.endsWith('/assets/consent/consent-embed.js'))).toHaveLength(1);
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    requests.length = 0;
    await page.reload();
    await widgetReady(page);
    await page.locator('iframe[src]').first().waitFor({ state: 'attached' });
    expect(requests.filter((url) => url.includes('consent-embed.js') || url.includes('consent-check.js'))).toEqual([]);
    await context.close();
  });

  it('the first layer loads no locale file in either language; English settings load only locales/en.json, from the widget folder', async () => {
    const de = await firstVisit('/');
    await de.page.getByRole('region', { name: TEXT.de.banner }).waitFor();
    await de.page.getByRole('button', { name: TEXT.de.settings, exact: true }).click();
    await de.page.getByRole('dialog', { name: TEXT.de.dialog }).waitFor();
    expect(de.requests.filter((url) => url.includes('/locales/'))).toEqual([]);
    await de.context.close();
    const en = await firstVisit('/en/');
    await en.page.getByRole('region', { name: TEXT.en.banner }).waitFor();
    expect(en.requests.filter((url) => url.includes('/locales/') || url.includes('consent-ui.js'))).toEqual([]);
    await en.page.getByRole('button', { name: TEXT.en.settings, exact: true }).click();
    await en.page.getByRole('dialog', { name: TEXT.en.dialog }).waitFor();
    expect(en.requests.filter((url) => url.includes('/locales/')).map((url) => new URL(url).pathname)).toEqual(['/assets/consent/locales/en.json']);
    await en.context.close();
  });

  it('works under a strict CSP (no unsafe-inline for scripts or styles), styled, with no violation', async () => {
    const { context, page, console, pageErrors } = await firstVisit('/test-pages/csp.html');
    const banner = page.getByRole('region', { name: TEXT.de.banner });
    await banner.waitFor();
    const bg = await banner.getByRole('button').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(31, 95, 191)');
    await banner.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await expect.poll(() => page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBe(true);
    expect(console.filter((m) => /Content Security Policy|Refused/.test(m.text))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
