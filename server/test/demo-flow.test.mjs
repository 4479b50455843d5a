// The whole flow of `npm run demo` in Debian's Chromium: a decision on the course page, its
// receipt stored by the mounted receipt server (which re-issues the consent cookie), and the
// data-protection officer finding it on /admin. Needs the built widget (npm run build).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const built = existsSync(fileURLToPath(new URL('../../dist/consent.js', import.meta.url)));
if (!built && process.env.CI) throw new Error('dist/ is missing: npm test builds before the tests');
if (!built) console.warn('\n!!! dist/consent.js is missing: the demo flow test in Chromium is SKIPPED. Run `npm run build` first.\n');

describe.skipIf(!built)('npm run demo, the whole flow in Chromium', { timeout: 90_000 }, () => {
  let server;
  let browser;
  beforeAll(async () => {
    server = await startServer({ port: 0, adminToken: 'flow-token-0123456789' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a refusal on the course page is stored, re-issues the cookie, and shows on /admin', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const answers = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname === '/api/consent-receipts') answers.push({ status: response.status(), setCookie: await response.headerValue('set-cookie') });
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Alle ablehnen' }).click();
    await expect.poll(() => server.receipts.length, { timeout: 10_000 }).toBe(1);
    const [stored] = server.receipts;
    expect(stored).toMatchObject({ action: 'reject_all', source: 'banner', page: '/', categories: { analytics: false } });

    const cookie = (await context.cookies()).find((c) => c.name === 'asmeronexa_consent');
    expect(cookie.value.split('|')[1]).toBe(stored.consentId);
    await expect.poll(() => answers.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(answers[0]).toEqual({ status: 204, setCookie: `asmeronexa_consent=${cookie.value}; Max-Age=15724800; Path=/; SameSite=Lax` });

    // The demo panel links to /admin; the officer logs in and looks the learner up.
    await page.getByRole('link', { name: /Nachweise aller Entscheidungen/ }).click();
    await page.getByLabel('Admin-Token').fill('flow-token-0123456789');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('textbox', { name: /Consent-ID/ }).fill(stored.consentId);
    await page.getByRole('button', { name: 'Nachweise zeigen' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('1 Nachweis');
    expect(await page.locator('table').first().textContent()).toContain('reject_all');
    await context.close();
  });
});
