// Shared set-up for the real-browser tests: Debian's Chromium driven by playwright-core, and
// the demo server. Every *.test host name resolves to 127.0.0.1, so the page can live on
// www.asmeronexa.test (a parent domain to put cookies on) and the third-party stand-ins
// on stand-in.analytics.test (another site, as GA and Matomo would be).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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
