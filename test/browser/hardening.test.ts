// Hostile input, strict CSP, faults, many tabs, scale: nothing breaks, nothing leaks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;

const page = (config: string, body = '', head = '') => `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Test</title>${head}
<script nonce="n0nce">window.asmeronexaConsentConfig = ${config};</script>
<script src="/assets/consent/consent.js" nonce="n0nce"></script></head><body><main><h1>Kurs</h1><p>Inhalt</p></main>${body}</body></html>`;

// Every page here uses a nonce (on the widget's tag): blocked markup the page writes carries it too.
const BLOCKED = `<script type="text/plain" data-category="analytics" nonce="n0nce">window.__inline = true;</script>
<script type="text/plain" data-category="analytics" data-src="/stand-in/gtag/js?id=G-CSP" nonce="n0nce"></script>
<script type="text/plain" data-category="analytics" nonce="n0nce">window.__after = window.__gtagLoaded === true;</script>`;

const many = Array.from({ length: 10 }, (_, c) => `cat${c}`);
const PAGES: Record<string, string> = {
  'tabs.html': page(`{ revision: 1, reloadOnWithdraw: false }`, BLOCKED),
  // For the fault tests: blocked scripts that do not touch cookies or storage themselves.
  'plain.html': page(
    `{ revision: 1 }`,
    `<script type="text/plain" data-category="analytics" nonce="n0nce">window.__inline = true;</script>
     <script type="text/plain" data-category="analytics" nonce="n0nce">window.__after = window.__inline === true;</script>`,
  ),
  'csp.html': page(
    `{ revision: 1, services: [{ id: 'ga', category: 'analytics', preset: 'google-analytics', measurementId: 'G-CSP12345', gtagUrl: '/stand-in/gtag/js?id=G-CSP12345' }] }`,
    BLOCKED + `<iframe data-category="functional" data-src="/stand-in/tool/quiz.html" title="Übung" width="400" height="200"></iframe>`,
    `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-n0nce'; style-src 'self' 'nonce-n0nce'">`,
  ),
  'xss.html': page(
    `{ revision: 1, privacyPolicyUrl: 'javascript:window.__xss=1', imprintUrl: 'data:text/html,<b>x</b>',
       texts: { de: { banner: { title: '<img src=x onerror="window.__xss=2">Cookies' } } },
       categories: { analytics: { label: '<b onmouseover="window.__xss=3">Statistik</b>' } },
       services: [{ id: 'evil', category: 'analytics', label: '<script>window.__xss=4<\\/script>', provider: '<i>Böse GmbH</i>', cookies: [{ name: 'x', lifetime: '<u>1 Jahr</u>' }] }] }`,
  ),
  'faults.html': page(
    `{ revision: 1, reloadOnWithdraw: false }`,
    `<script type="text/plain" data-category="analytics" data-src="/stand-in/missing.js" nonce="n0nce"></script>
     <script type="text/plain" data-category="analytics" nonce="n0nce">throw new Error('vendor bug');</script>
     <script type="text/plain" data-category="analytics" nonce="n0nce">window.__survived = true;</script>`,
  ),
  'scale.html': page(
    `{ revision: 1, categories: { ${many.map((c) => `${c}: { label: { de: 'Kategorie ${c}', en: 'Category ${c}' } }`).join(', ')} },
       services: ${JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: `service-${i}`, category: many[i % 10], label: `Dienst ${i}`, provider: `Anbieter ${i}`, cookies: [`c${i}`] })))} }`,
  ),
};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anx-hardening-'));
  for (const [name, html] of Object.entries(PAGES)) await writeFile(join(dir, name), html);
  [server, browser] = await Promise.all([startDemo({ '/hard/': `${dir}/` }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const flag = (p: Page, name: string) => p.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name);
const ownErrors = (errors: string[]) => errors.filter((e) => !e.includes('vendor bug'));

describe('tabs', () => {
  it('a decision in one tab applies in the other without a reload; a withdrawal stops further activation there', async () => {
    const context = await browser.newContext();
    const a = await openPage(context);
    const b = await openPage(context);
    await a.page.goto(siteUrl(server, '/hard/tabs.html'));
    await b.page.goto(siteUrl(server, '/hard/tabs.html'));
    await Promise.all([widgetReady(a.page), widgetReady(b.page)]);
    await b.page.getByRole('region').waitFor();

    await a.page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await expect.poll(() => b.page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics'))).toBe(true);
    await expect.poll(() => flag(b.page, '__after')).toBe(true); // B ran its blocked scripts, in order
    await b.page.getByRole('region').waitFor({ state: 'detached' }); // and its banner closed

    await a.page.evaluate(() => window.asmeronexaConsent!.rejectAll());
    await expect.poll(() => b.page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics'))).toBe(false);
    await b.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<script type="text/plain" data-category="analytics" nonce="n0nce">window.__late = true;</script>'));
    await b.page.waitForTimeout(200);
    expect(await flag(b.page, '__late')).toBeUndefined();
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });
});

describe('strict Content-Security-Policy', () => {
  it("script-src 'self' 'nonce-…'; style-src 'self' 'nonce-…': it shows, works, activated scripts carry the nonce, no violation", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const { page: p, console, pageErrors } = await openPage(context);
    await p.goto(siteUrl(server, '/hard/csp.html'));
    await widgetReady(p);
    const banner = p.getByRole('region', { name: 'Cookies auf asmeronexa' });
    expect(await banner.getByRole('button').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 95, 191)');
    expect(await p.locator('[data-consent-placeholder]').getByRole('button', { name: /einmal laden$/ }).count()).toBe(1);
    await banner.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await expect.poll(() => flag(p, '__after')).toBe(true);
    expect(await flag(p, '__inline')).toBe(true);
    const nonces = await p.evaluate(() => Array.from(document.scripts).filter((s) => s.src.includes('stand-in')).map((s) => s.nonce));
    expect(nonces.length).toBeGreaterThanOrEqual(2); // the blocked external script and the GA preset's gtag.js
    expect(nonces.every((n) => n === 'n0nce')).toBe(true);
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(console.filter((m) => /Content Security Policy|Refused/.test(m.text))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('hostile config', () => {
  it('HTML in names, labels and texts shows as text; javascript: and data: links are refused with an error', async () => {
    const context = await browser.newContext();
    const { page: p, console, pageErrors } = await openPage(context);
    await p.goto(siteUrl(server, '/hard/xss.html'));
    await widgetReady(p);
    const banner = p.getByRole('region');
    await banner.waitFor();
    expect(await banner.getByRole('heading').textContent()).toBe('<img src=x onerror="window.__xss=2">Cookies');
    expect(await banner.getByRole('link').count()).toBe(0);
    await banner.getByRole('button', { name: 'Einstellungen' }).click();
    const dialog = p.getByRole('dialog');
    // Every service list (session's holds the consent cookie); a clicked toggle is renamed.
    const toggles = dialog.getByRole('button', { name: /Dienste anzeigen/ });
    while ((await toggles.count()) > 0) await toggles.first().click();
    const text = await dialog.textContent();
    expect(text).toContain('<b onmouseover="window.__xss=3">Statistik</b>');
    expect(text).toContain('<script>window.__xss=4</script>');
    expect(text).toContain('<i>Böse GmbH</i>');
    expect(await dialog.locator('b, i, u, img, script').count()).toBe(0);
    expect(await flag(p, '__xss')).toBeUndefined();
    const errors = console.filter((m) => m.type === 'error').map((m) => m.text);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/config\.privacyPolicyUrl: must be an http\(s\) or relative URL/),
      expect.stringMatching(/config\.imprintUrl: must be an http\(s\) or relative URL/),
    ]));
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('faults', () => {
  const faults: Record<string, () => void> = {
    'document.cookie throws': () => {
      Object.defineProperty(Document.prototype, 'cookie', { get() { throw new DOMException('blocked', 'SecurityError'); }, set() { throw new DOMException('blocked', 'SecurityError'); } });
    },
    'cookies are disabled (writes are ignored)': () => {
      Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {} });
      Object.defineProperty(Navigator.prototype, 'cookieEnabled', { get: () => false });
    },
    'localStorage throws': () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    },
    'crypto.randomUUID is missing': () => {
      Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined });
    },
  };
  for (const [name, fault] of Object.entries(faults)) {
    it(`${name}: the page keeps working, nothing runs before consent, no uncaught error`, async () => {
      const context = await browser.newContext();
      await context.addInitScript(fault);
      const { page: p, pageErrors } = await openPage(context);
      await p.goto(siteUrl(server, '/hard/plain.html'));
      await widgetReady(p);
      expect(await flag(p, '__inline')).toBeUndefined();
      await p.getByRole('button', { name: 'Alle akzeptieren' }).click();
      await expect.poll(() => flag(p, '__after')).toBe(true);
      expect(await p.evaluate(() => window.asmeronexaConsent!.getConsent()!.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('the UI chunks failing to load (first layer and full UI): an error, everything optional stays blocked, the page works', async () => {
    const context = await browser.newContext();
    await context.route(/consent-(ui|banner\.de)\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const { page: p, console, pageErrors } = await openPage(context);
    await p.goto(siteUrl(server, '/hard/tabs.html'));
    await widgetReady(p);
    await expect.poll(() => console.some((m) => m.type === 'error' && m.text.includes('banner UI is not available'))).toBe(true);
    expect(await flag(p, '__inline')).toBeUndefined();
    expect(await p.getByRole('heading', { name: 'Kurs' }).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the diagnostics chunk failing to load: one clear error instead of the config messages, codes for the others; what is invalid stays blocked', async () => {
    const context = await browser.newContext();
    await context.route(/consent-check\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const { page: p, console, pageErrors } = await openPage(context);
    await p.goto(siteUrl(server, '/test-pages/bad-config.html'));
    await widgetReady(p);
    await expect.poll(() => console.some((m) => m.type === 'error' && /config has problems.*consent-check\.js.*failed to load/.test(m.text))).toBe(true);
    // Messages at run time still name their code and details, and where to look them up.
    await expect
      .poll(() => console.filter((m) => m.type === 'error').map((m) => m.text))
      .toContainEqual('[asmeronexa-consent] markup-service (ads): see "Console messages" in the README');
    await p.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await p.waitForTimeout(100);
    expect(await flag(p, '__adsRan')).toBeUndefined();
    expect(await flag(p, '__gaRan')).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("a vendor script that 404s or throws: the next blocked scripts still run, and the widget's own code raises nothing", async () => {
    const context = await browser.newContext();
    const { page: p, pageErrors } = await openPage(context);
    await p.goto(siteUrl(server, '/hard/faults.html'));
    await widgetReady(p);
    await p.getByRole('button', { name: 'Alle akzeptieren' }).click();
    await expect.poll(() => flag(p, '__survived')).toBe(true);
    expect(pageErrors.some((e) => e.includes('vendor bug'))).toBe(true); // the vendor's own error, as without the widget
    expect(ownErrors(pageErrors)).toEqual([]);
    await context.close();
  });
});

describe('scale', () => {
  it('50 services in 10 more categories: the cookie stays under 1 KB, the dialog fits and scrolls inside the viewport', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
      const context = await browser.newContext({ viewport });
      const { page: p, pageErrors } = await openPage(context);
      await p.goto(siteUrl(server, '/hard/scale.html'));
      await widgetReady(p);
      await p.getByRole('button', { name: 'Alle akzeptieren' }).click();
      const cookie = (await context.cookies()).find((c) => c.name === 'asmeronexa_consent')!;
      expect(cookie.name.length + cookie.value.length + 1).toBeLessThan(1024);
      expect(await p.evaluate(() => Object.values(window.asmeronexaConsent!.getConsent()!.services).filter(Boolean).length)).toBe(50);
      await p.getByRole('button', { name: 'Cookie-Einstellungen' }).click();
      const dialog = p.getByRole('dialog');
      const box = (await dialog.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      expect(await p.getByRole('switch').count()).toBe(13);
      const last = p.getByRole('switch', { name: 'Kategorie cat9' });
      await last.scrollIntoViewIfNeeded();
      await last.click();
      expect(await last.getAttribute('aria-checked')).toBe('false');
      expect(await p.getByRole('button', { name: 'Auswahl speichern' }).isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });
});
