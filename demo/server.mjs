// The demo server: the course pages, the built widget under /assets/consent/, and local
// stand-ins for the third parties (gtag.js, matomo.js, an embedded exercise tool).
//
// The stand-ins are served under another host name than the page, so in the network panel
// they show up as a third party: `localhost` when the page is opened on 127.0.0.1, and
// `stand-in.analytics.test` when the page is opened as www.asmeronexa.test (the browser
// tests map *.test to 127.0.0.1). They record what reached them in /stand-in/log.
//
// The receipt server (server/, asmeronexa-consent-server) is mounted as a handler: the widget's
// receipts go to /api/consent-receipts and are stored in SQLite, and /admin shows them to the
// data-protection officer. `npm run demo` keeps its data in .demo-data/ (git-ignored); a server
// started from a test gets a temporary database that close() removes.
//
//   node demo/server.mjs [--port 8080]      (npm run demo builds first)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReceiptHandler, openStore } from '../server/index.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
export const STAND_IN_HOST = 'stand-in.analytics.test';

/** Where the third-party stand-ins live, seen from a page requested with this Host header. */
function standInOrigin(hostHeader, port) {
  const host = (hostHeader ?? '').replace(/:\d+$/, '');
  const isIp = /^[\d.]+$/.test(host) || host.startsWith('[');
  if (host === 'localhost') return `http://127.0.0.1:${port}`;
  return `http://${isIp ? 'localhost' : STAND_IN_HOST}:${port}`;
}

/** Whether `file` is `dir` itself or inside it (not a sibling that merely starts with its name). */
export function isInside(dir, file) {
  const base = resolve(dir);
  const target = resolve(file);
  return target === base || target.startsWith(base.endsWith(sep) ? base : base + sep);
}

/**
 * Starts the server. `extraRoots` maps URL prefixes to folders (the browser tests add their
 * fixture pages). `db` is the receipt server's SQLite file (default: a temporary one, removed
 * on close); `adminToken` the token for /admin (default: a random one). Resolves to
 * { url, port, close, log, receipts, adminToken, db }.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', extraRoots = {}, db, adminToken } = {}) {
  /** Requests that reached a stand-in: what a third party would have seen. */
  const log = [];
  /** The receipts the receipt server stored, newest last, as it answers them (with serverTime). */
  const receipts = [];
  const mounts = {
    '/assets/consent/': join(root, 'dist'),
    '/locales/': join(root, 'locales'),
    ...extraRoots,
    '/': join(root, 'demo'),
  };
  const tempDir = db ? null : mkdtempSync(join(tmpdir(), 'asmeronexa-demo-'));
  const dbFile = db ?? join(tempDir, 'consent.sqlite');
  const token = adminToken ?? randomBytes(12).toString('base64url');
  const store = await openStore(dbFile);
  const receiptServer = createReceiptHandler({
    store,
    adminToken: token,
    onReceipt: (receipt, serverTime, stored) => {
      if (stored) receipts.push({ serverTime, ...receipt });
    },
  });
  await receiptServer.ready();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const origin = standInOrigin(req.headers.host, server.address().port);
      if (url.pathname.startsWith('/stand-in/')) return await standIn(url, req, res, log);
      if (receiptServer.handles(req)) return receiptServer(req, res);
      if (url.pathname === '/datenschutz') return send(res, 200, TYPES['.html'], await privacyPolicyPage());
      if (url.pathname === '/impressum') return send(res, 200, TYPES['.html'], imprintPage());

      for (const [prefix, dir] of Object.entries(mounts)) {
        if (!url.pathname.startsWith(prefix)) continue;
        let file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
        if (!isInside(dir, file)) return send(res, 403, TYPES['.txt'], 'forbidden');
        if (url.pathname.endsWith('/')) file = join(file, 'index.html');
        let body;
        try {
          body = await readFile(file);
        } catch {
          continue;
        }
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (type.startsWith('text/html') || type.startsWith('application/json')) body = body.toString('utf8').replaceAll('{{STAND_IN}}', origin);
        return send(res, 200, type, body);
      }
      send(res, 404, TYPES['.txt'], 'not found');
    } catch (error) {
      send(res, 500, TYPES['.txt'], String(error));
    }
  });

  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolvePromise({
        port: actual,
        url: `http://${host}:${actual}/`,
        log,
        receipts,
        adminToken: token,
        db: dbFile,
        close: async () => {
          await new Promise((done) => server.close(() => done()));
          await receiptServer.close();
          await store.close();
          if (tempDir) rmSync(tempDir, { recursive: true, force: true });
        },
      });
    });
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

// The third parties. Each script records that it ran (window.__demoRan), sets the cookies the
// real one would set, and sends a "hit" back to its host.
async function standIn(url, req, res, log) {
  const path = url.pathname.slice('/stand-in'.length);
  if (path === '/log') return send(res, 200, TYPES['.json'], JSON.stringify(log));
  log.push({ path, query: url.search, host: req.headers.host, referer: req.headers.referer ?? null });
  switch (path) {
    case '/gtag/js':
      // A slow network: the inline `gtag('config')` after it must still run after it.
      await delay(300);
      return send(res, 200, TYPES['.js'], GTAG_STAND_IN);
    case '/matomo/matomo.js':
      return send(res, 200, TYPES['.js'], MATOMO_STAND_IN);
    case '/g/collect':
    case '/matomo/matomo.php':
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      return res.end();
    case '/tool/quiz.html':
      return send(res, 200, TYPES['.html'], QUIZ_TOOL);
    default:
      return send(res, 404, TYPES['.txt'], 'not found');
  }
}

// Like gtag.js with cookie_domain 'auto': _ga and _ga_<id> on the highest domain it can use.
const GTAG_STAND_IN = `(function () {
  var origin = new URL(document.currentScript.src).origin;
  var host = location.hostname;
  var labels = host.split('.');
  var domain = /^[\\d.]+$/.test(host) || labels.length < 2 ? '' : '; domain=' + labels.slice(-2).join('.');
  var id = Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000);
  document.cookie = '_ga=GA1.1.' + id + '; path=/; max-age=63072000' + domain;
  document.cookie = '_ga_DEMO123=GS1.1.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=63072000' + domain;
  (window.__demoRan = window.__demoRan || []).push('gtag.js');
  window.__gtagLoaded = true;
  navigator.sendBeacon(origin + '/stand-in/g/collect?tid=G-DEMO123&en=page_view&dl=' + encodeURIComponent(location.href));
})();`;

// Like matomo.js: works off the _paq queue, then replaces it with an object; with requireConsent
// nothing is sent (and no cookie set) until setConsentGiven.
const MATOMO_STAND_IN = `(function () {
  var origin = new URL(document.currentScript.src).origin;
  var state = { site: null, needsConsent: false, consent: false, cookies: true, sent: false };
  function run(command) {
    var name = command[0];
    if (name === 'setSiteId') state.site = command[1];
    if (name === 'requireConsent') state.needsConsent = true;
    if (name === 'setConsentGiven') state.consent = true;
    if (name === 'forgetConsentGiven') { state.consent = false; state.needsConsent = true; }
    if (name === 'disableCookies' || name === 'requireCookieConsent') state.cookies = false;
    if (name === 'setCookieConsentGiven') state.cookies = true;
    if (name === 'trackPageView' || name === 'setConsentGiven') track();
  }
  function track() {
    if (state.sent || (state.needsConsent && !state.consent)) return;
    state.sent = true;
    if (state.cookies) {
      document.cookie = '_pk_id.1.a1b2=' + Math.floor(Math.random() * 1e9).toString(16) + '; path=/; max-age=33696000';
      document.cookie = '_pk_ses.1.a1b2=1; path=/; max-age=1800';
    }
    navigator.sendBeacon(origin + '/stand-in/matomo/matomo.php?idsite=' + state.site + '&rec=1&url=' + encodeURIComponent(location.href));
  }
  var queue = window._paq || [];
  window._paq = { push: function () { for (var i = 0; i < arguments.length; i++) run(arguments[i]); } };
  queue.forEach(run);
  (window.__demoRan = window.__demoRan || []).push('matomo.js');
})();`;

const QUIZ_TOOL = `<!doctype html><html lang="de"><meta charset="utf-8"><title>Übung</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#f4f7fb;color:#1d2939}button{font:inherit;margin:.25rem .5rem .25rem 0;padding:.4rem .9rem;border:1px solid #98a2b3;border-radius:6px;background:#fff;cursor:pointer}</style>
<p><strong>Kurzübung:</strong> Welcher Wert ist der Median von 3, 9, 4, 7, 5?</p>
<p><button>4</button><button>5</button><button>7</button></p>
<p id="r" role="status"></p>
<script>document.querySelectorAll('button').forEach(function(b){b.onclick=function(){document.getElementById('r').textContent=b.textContent==='5'?'Richtig!':'Leider nicht – sortieren Sie die Werte zuerst.';};});</script>
</html>`;

async function privacyPolicyPage() {
  const text = await readFile(join(root, 'demo', 'datenschutzerklaerung.txt'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim());
  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const body = lines
    .map((line, i) => {
      if (i === 0) return `<h1>${escape(line)}</h1>`;
      if (/^[A-Z][A-Za-z ]+$/.test(line)) return `<h2>${escape(line)}</h2>`;
      if (line.startsWith('- ')) return `<ul><li>${escape(line.slice(2))}</li></ul>`;
      return `<p>${escape(line)}</p>`;
    })
    .join('\n');
  return simplePage('Datenschutzerklärung – asmeronexa', body);
}

function imprintPage() {
  return simplePage(
    'Impressum – asmeronexa',
    '<h1>Impressum</h1><p>asmeronexa – Plattform für Online-Bildung (Demo-Seite).</p><p>Diese Seite ist Teil der Demo des Consent-Widgets und enthält keine echten Angaben.</p>',
  );
}

function simplePage(title, body) {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/demo.css"></head><body><main class="page prose"><p><a href="/">← Zurück zum Kurs</a></p>${body}</main></body></html>`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const port = Number(process.env.PORT ?? (portArg > 0 ? process.argv[portArg + 1] : 8080));
  const adminToken = process.env.ASMERONEXA_ADMIN_TOKEN || 'demo-admin-token';
  const { url, db } = await startServer({ port, adminToken, db: join(root, '.demo-data', 'consent.sqlite') });
  console.log(`asmeronexa-consent demo: ${url}  (English: ${url}en/)`);
  console.log(`Receipts: stored in ${db}; the data-protection officer's view: ${url}admin  (admin token: ${adminToken})`);
  console.log('Third-party stand-ins answer on http://localhost:' + new URL(url).port + '/stand-in/… (see the network panel).');
  console.log('Stop with Ctrl+C.');
}
