// /admin: the login, the session cookie, the page's headers, and the page itself in Debian's
// Chromium (axe finds nothing, the charts are there; a screenshot lands in test-results/).

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { buildServer } from '../index.mjs';
import { openTempSqlite, receipt, storeAt, TOKEN } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('/admin', { timeout: 90_000 }, () => {
  let db;
  let app;
  let url;
  const consentId = 'lernende-4711-abcd';

  beforeAll(async () => {
    db = await openTempSqlite();
    // Five weeks of decisions, of two config revisions, some with the signals of 0.2.
    const day = 86_400_000;
    let n = 0;
    for (let d = 34; d >= 0; d--) {
      const perDay = 3 + ((d * 7) % 11);
      for (let i = 0; i < perDay; i++, n++) {
        const kind = n % 5;
        const analytics = kind === 0 || kind === 3;
        const functional = kind !== 1 && kind !== 4;
        const r = receipt({
          consentId: n === 5 ? consentId : undefined,
          action: analytics && functional ? 'accept_all' : !analytics && !functional ? 'reject_all' : 'save',
          source: 'banner',
          revision: d > 20 ? 1 : 2,
          categories: { session: true, analytics, functional },
          ...(d <= 20 ? { signals: { gpc: n % 7 === 0, minor: n % 13 === 0 } } : {}),
        });
        const serverTime = new Date(Date.now() - d * day - i * 60_000).toISOString();
        await storeAt(db.store, r, serverTime);
      }
    }
    await storeAt(db.store, receipt({ action: 'reask', reason: 'expired', revision: 2 }), new Date().toISOString());
    app = buildServer({ store: db.store, adminToken: TOKEN });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('without a token: 401 and a login form; a wrong token is refused', async () => {
    const res = await app.inject({ url: '/admin' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('<form method="post" action="/admin/login">');
    const wrong = await app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('Das Token stimmt nicht.');
  });

  it('the login sets an HttpOnly SameSite=Strict session cookie that opens the page', async () => {
    const res = await app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(TOKEN)}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = res.headers['set-cookie'];
    expect(cookie).toMatch(/^asmeronexa_admin=\d+\.[\w-]{43}; Max-Age=28800; Path=\/admin; HttpOnly; SameSite=Strict$/);
    const page = await app.inject({ url: '/admin', headers: { cookie: cookie.split(';')[0] } });
    expect(page.statusCode).toBe(200);
    const forged = await app.inject({ url: '/admin', headers: { cookie: cookie.split(';')[0].replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) } });
    expect(forged.statusCode).toBe(401);
    // The session does not open the JSON API: that takes the Bearer token.
    expect((await app.inject({ url: `/api/consent-receipts?consentId=${consentId}`, headers: { cookie: 'x=1' } })).statusCode).toBe(401);
  });

  it('a strict CSP: no script at all, the style only with the nonce; no request leaves the page', async () => {
    const res = await app.inject({ url: '/admin', headers: { authorization: `Bearer ${TOKEN}` } });
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)[1];
    expect(res.body).toContain(`<style nonce="${nonce}">`);
    expect(res.body).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(res.body).toContain('<html lang="de">');
  });

  it('in Chromium: lookup by consent id, the charts, axe clean, a screenshot', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
      const page = await context.newPage();
      const violations = [];
      page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${url}/admin`);
      await page.getByLabel('Admin-Token').fill(TOKEN);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(`${url}/admin`);
      await expect(page.getByRole('heading', { name: 'Entscheidungen pro Tag' }).isVisible()).resolves.toBe(true);
      for (const name of ['Entscheidungen pro Tag', 'Anteile']) expect(await page.locator(`svg[role=img]:has(title:text("${name}"))`).count()).toBeGreaterThan(0);
      expect(await page.locator('section[aria-labelledby=pro-tag] svg rect').count()).toBeGreaterThan(30);
      expect(await page.locator('#pro-revision-chart-desc').textContent()).toMatch(/Revision 1: \d+ % alles angenommen.*Revision 2:/);
      expect(await page.locator('#signale-chart-desc').textContent()).toMatch(/GPC gesendet: \d+ % ja/);

      await page.getByRole('textbox', { name: /Consent-ID/ }).fill(consentId);
      await page.getByRole('button', { name: 'Nachweise zeigen' }).click();
      await expect(page.getByRole('status').first().textContent()).resolves.toContain('1 Nachweis');
      expect(await page.getByRole('heading', { name: `Nachweise für ${consentId}` }).count()).toBe(1);

      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
      // The one console error: the login page itself comes with 401 (no valid token yet).
      expect(violations).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
      expect(requests.every((r) => r.startsWith(url))).toBe(true);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}server-admin.png`, fullPage: true });

      // The login page passes axe too.
      const login = await context.newPage();
      await login.goto(`${url}/admin`);
      expect((await new AxeBuilder({ page: login }).analyze()).violations.map((v) => v.id)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
