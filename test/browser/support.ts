// Shared set-up for the real-browser tests: Debian's Chromium driven by playwright-core, and
// the demo server. Every *.test host name resolves to 127.0.0.1, so the page can live on
// www.asmeronexa.test (a parent domain to put cookies on) and the third-party stand-ins
// on stand-in.analytics.test (another site, as GA and Matomo would be).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer, STAND_IN_HOST } from '../../demo/server.mjs';

export { STAND_IN_HOST };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DemoServer {
  port: number;
  url: string;
  log: { path: string; query: string; host: string }[];
  receipts: Record<string, unknown>[];
  close(): Promise<void>;
}

/** `extraRoots` maps more URL prefixes to folders (generated fixture pages). */
export async function startDemo(extraRoots: Record<string, string> = {}): Promise<DemoServer> {
  if (!existsSync(fileURLToPath(new URL('../../dist/consent.js', import.meta.url)))) {
    throw new Error('dist/consent.js is missing: run `npm run build` first (npm test does)');
  }
  return startServer({
    port: 0,
    extraRoots: { '/test-pages/': fileURLToPath(new URL('./pages/', import.meta.url)), ...extraRoots },
  });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
  });
}

export const siteUrl = (server: DemoServer, path = '/') => `http://www.asmeronexa.test:${server.port}${path}`;

/** A page that records every request and every console message and page error. */
export async function openPage(context: BrowserContext) {
  const page = await context.newPage();
  const requests: string[] = [];
  const console: { type: string; text: string }[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, requests, console, pageErrors };
}

/** Waits until the widget has started (its page API exists and `ready` fired). */
export async function widgetReady(page: Page) {
  // waitForFunction does not await a returned promise (a promise is truthy), so wait in two steps.
  await page.waitForFunction(() => window.asmeronexaConsent !== undefined);
  await page.evaluate(() => new Promise<void>((resolve) => window.asmeronexaConsent!.on('ready', () => resolve())));
}

export const ran = (page: Page) => page.evaluate(() => (window as { __demoRan?: string[] }).__demoRan ?? []);

export async function cookieNames(context: BrowserContext) {
  return (await context.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
}

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe (WCAG 2.2 A and AA) on the widget and whatever else `include` names, as "rule: targets ::
 * why". Colour contrast is read from what is painted: the dialog fades in (0.18 s), and on a busy
 * machine a reading can catch a frame half-drawn. So it waits for the widget's animations, and a
 * contrast finding is read once more after the page has been still; a real one stays.
 */
export async function axe(page: Page, include = ['#asmeronexa-consent']): Promise<string[]> {
  const still = () =>
    page.evaluate(async () => {
      await Promise.all(document.getElementById('asmeronexa-consent')?.shadowRoot?.getAnimations().map((a) => a.finished) ?? []);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
  const run = async () => {
    await still();
    let builder = new AxeBuilder({ page }).withTags(WCAG);
    for (const selector of include) builder = builder.include(selector);
    return (await builder.analyze()).violations;
  };
  let violations = await run();
  if (violations.some((v) => v.id === 'color-contrast')) {
    await page.waitForTimeout(500);
    violations = await run();
  }
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} :: ${n.failureSummary ?? ''}`).join(' || ')}`);
}
