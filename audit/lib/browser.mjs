// Driving Debian's Chromium: one browser per run, a fresh context (profile) per phase, and a
// recorder that sees every request (CDP Network.requestWillBeSent, with its initiator), every
// Set-Cookie header (Network.responseReceivedExtraInfo), every document.cookie and
// Storage.setItem write (an init script, with the writing script's URL from its stack), and the
// cookie jar and each frame's storage after each step.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Chromium flags the audit always uses (plus --no-sandbox when running as root, as in CI containers). */
export const DEFAULT_ARGS = [
  '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-component-update', '--disable-background-networking',
  '--disable-default-apps', '--disable-quic', '--mute-audio',
  // Cross-site iframes in the page's own renderer: then the page's CDP session sees their requests
  // and Set-Cookie headers too. It changes nothing a server or a cookie jar can tell apart.
  '--disable-site-isolation-trials',
];

/** `--a --b=c d` → ['--a', '--b=c d']: a flag's value may contain spaces (host resolver rules do). */
export function splitArgs(text) {
  if (!text || !text.trim()) return [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed).map(String);
  return trimmed.split(/\s+(?=--)/);
}

export async function launchBrowser({ executablePath, extraArgs = [] }) {
  if (!existsSync(executablePath)) {
    const error = new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    error.usage = true;
    throw error;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...(root ? ['--no-sandbox'] : []), ...DEFAULT_ARGS, ...extraArgs],
  });
}

const BINDING = '__asmeronexaAuditWrite';

// Runs in every frame before the page's own scripts. It only watches: every write still happens.
const INIT_SCRIPT = `(() => {
  if (window.__asmeronexaAuditHooked) return;
  Object.defineProperty(window, '__asmeronexaAuditHooked', { value: true });
  const tell = (data) => {
    try {
      data.stack = String(new Error().stack || '');
      data.page = location.href;
      const send = window[${JSON.stringify(BINDING)}];
      if (typeof send === 'function') send(data);
    } catch (e) {}
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: cookie.enumerable,
      get() { return cookie.get.call(this); },
      set(value) { tell({ kind: 'cookie', name: String(value).split(';')[0].split('=')[0].trim(), raw: String(value).slice(0, 300) }); return cookie.set.call(this, value); },
    });
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    let store = 'sessionStorage';
    try { if (this === window.localStorage) store = 'localStorage'; } catch (e) {}
    tell({ kind: 'storage', store, name: String(key) });
    return setItem.call(this, key, value);
  };
})();`;

/** The first script URL in a JS stack (the audit's own init script has none). */
export function scriptFromStack(stack) {
  for (const line of String(stack).split('\n').slice(1)) {
    const m = /((?:https?|file):\/\/[^\s)]+?):(\d+):(\d+)/.exec(line);
    if (m) return `${m[1]}:${m[2]}`;
  }
  return null;
}

function describeInitiator(initiator) {
  if (!initiator) return null;
  const frames = [];
  for (let stack = initiator.stack; stack; stack = stack.parent) frames.push(...(stack.callFrames ?? []));
  const top = frames.find((f) => f.url);
  const script = top ? `${top.url}:${top.lineNumber + 1}` : null;
  const url = initiator.url ? `${initiator.url}${initiator.lineNumber !== undefined ? `:${initiator.lineNumber + 1}` : ''}` : null;
  return { type: initiator.type, script: script ?? (initiator.type === 'script' ? url : null), url: initiator.url ?? null, line: initiator.lineNumber !== undefined ? initiator.lineNumber + 1 : null };
}

const STALLED_MS = 2500;
export const DEBUG = !!process.env.ASMERONEXA_AUDIT_DEBUG;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Records one phase in one fresh browser context. */
export class Recorder {
  /** @param {import('playwright-core').BrowserContext} context */
  constructor(context, { timeout }) {
    this.context = context;
    this.timeout = timeout;
    this.step = 'first-view';
    this.requests = [];
    /** requestId → request entry (the latest for redirects) */
    this.byId = new Map();
    /** requestId → time of its last network event, while it is in flight */
    this.inflight = new Map();
    this.lastActivity = Date.now();
    /** cookie name → [{ setBy, by, step }] in order */
    this.cookieWrites = new Map();
    /** `${store}|${origin}|${key}` → { script, step } */
    this.storageWrites = new Map();
    this.snapshots = [];
    /** Set-Cookie headers the browser did not store, with why */
    this.blockedCookies = [];
    this.seenPw = [];
    this.mainStatus = null;
  }

  async open() {
    await this.context.exposeBinding(BINDING, (source, data) => this.#onWrite(source, data));
    await this.context.addInitScript({ content: INIT_SCRIPT });
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(this.timeout);
    this.context.on('request', (request) => this.seenPw.push({ url: request.url(), type: request.resourceType(), step: this.step }));
    const cdp = (this.cdp = await this.context.newCDPSession(this.page));
    cdp.on('Network.requestWillBeSent', (e) => this.#onRequest(e));
    cdp.on('Network.responseReceived', (e) => {
      const entry = this.byId.get(e.requestId);
      if (entry) entry.status = e.response.status;
      this.#alive(e.requestId);
      // A frame's document in another renderer finishes loading there: its response is enough here.
      if (e.type === 'Document') this.#done(e.requestId);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => this.#onResponseHeaders(e));
    cdp.on('Network.loadingFinished', (e) => this.#done(e.requestId));
    cdp.on('Network.dataReceived', (e) => this.#alive(e.requestId));
    cdp.on('Network.loadingFailed', (e) => {
      const entry = this.byId.get(e.requestId);
      if (entry && !entry.status) entry.failed = e.errorText;
      this.#done(e.requestId);
    });
    await cdp.send('Network.enable');
    return this.page;
  }

  #onRequest(e) {
    const url = e.request.url;
    if (/^(data|blob|about|chrome|chrome-extension|devtools):/.test(url)) return;
    if (e.redirectResponse) {
      const previous = this.byId.get(e.requestId);
      if (previous) previous.status = e.redirectResponse.status;
    }
    let host = '';
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {}
    const entry = {
      step: this.step,
      url,
      host,
      method: e.request.method,
      type: (e.type ?? 'Other').toLowerCase(),
      initiator: describeInitiator(e.initiator),
      document: e.documentURL ?? null,
      status: null,
    };
    this.requests.push(entry);
    this.byId.set(e.requestId, entry);
    // A beacon (sendBeacon, keepalive ping) triggers nothing in the page and may outlive it (its end
    // is then reported to no one): recorded, but not waited for.
    if (entry.type !== 'ping') this.inflight.set(e.requestId, Date.now());
    this.lastActivity = Date.now();
  }

  #alive(id) {
    if (this.inflight.has(id)) this.inflight.set(id, Date.now());
  }

  #done(id) {
    if (this.inflight.delete(id)) this.lastActivity = Date.now();
  }

  #onResponseHeaders(e) {
    const entry0 = this.byId.get(e.requestId);
    for (const b of e.blockedCookies ?? []) {
      // Set-Cookie lines the browser refused (e.g. a third-party cookie): not in the jar, but evidence.
      const name = (b.cookie?.name ?? String(b.cookieLine ?? '').split(';')[0].split('=')[0]).trim();
      if (name) this.blockedCookies.push({ step: this.step, name, by: entry0?.url ?? null, reasons: (b.blockedReasons ?? []).join(', ') });
    }
    const headers = e.headers ?? {};
    const raw = Object.entries(headers).filter(([k]) => k.toLowerCase() === 'set-cookie').map(([, v]) => v).join('\n');
    if (!raw) return;
    const entry = this.byId.get(e.requestId);
    for (const line of raw.split('\n')) {
      const name = line.split(';')[0].split('=')[0].trim();
      if (name) this.#addCookieWrite(name, { setBy: 'response', by: entry?.url ?? null, step: this.step });
    }
  }

  #onWrite(source, data) {
    if (!data || typeof data.name !== 'string') return;
    const script = scriptFromStack(data.stack);
    if (data.kind === 'cookie') {
      if (data.name) this.#addCookieWrite(data.name, { setBy: 'script', by: script, page: data.page, step: this.step });
    } else if (data.kind === 'storage') {
      let origin = 'null';
      try {
        origin = new URL(data.page).origin;
      } catch {}
      const id = `${data.store}|${origin}|${data.name}`;
      if (!this.storageWrites.has(id)) this.storageWrites.set(id, { script, step: this.step });
    }
  }

  #addCookieWrite(name, write) {
    const list = this.cookieWrites.get(name) ?? [];
    list.push(write);
    this.cookieWrites.set(name, list);
  }

  /** Waits until no request has been in flight for `quietMs` (at most `max` ms). */
  async quiet(quietMs = 500, max = Math.min(this.timeout, 8000)) {
    const start = Date.now();
    this.lastActivity = Math.max(this.lastActivity, start);
    while (Date.now() - start < max) {
      // A request silent for STALLED_MS (a long poll, a stream, one whose end the browser never
      // reports) no longer holds the wait up: the page has done what it does on its own by then.
      const now = Date.now();
      const busy = [...this.inflight.values()].some((t) => now - t < STALLED_MS);
      if (!busy && now - this.lastActivity >= quietMs) {
        if (DEBUG) process.stderr.write(`quiet after ${now - start} ms (${this.step})\n`);
        return true;
      }
      await sleep(50);
    }
    if (process.env.ASMERONEXA_AUDIT_DEBUG) {
      process.stderr.write(`quiet: gave up after ${max} ms, in flight: ${[...this.inflight].map((id) => this.byId.get(id)?.url).join(' ')}\n`);
    }
    return false;
  }

  /** A new page view of `url` (a navigation, as a person following a link or pressing Enter). */
  async view(url, step, settle = true) {
    this.step = step;
    const response = await this.page.goto(url, { waitUntil: 'load', timeout: this.timeout });
    if (settle) await this.quiet();
    return response;
  }

  async scroll() {
    await this.page.evaluate(async () => {
      const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
      for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 60));
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await this.quiet();
    await this.page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
  }

  /** Cookie jar and every frame's storage, now. */
  async snapshot(step = this.step) {
    const jar = await this.context.cookies();
    const cookies = jar.map((c) => ({
      name: c.name,
      domain: c.domain,
      path: c.path,
      expires: c.expires > 0 ? new Date(c.expires * 1000).toISOString() : null,
      days: c.expires > 0 ? Math.round(((c.expires * 1000 - Date.now()) / 86_400_000) * 10) / 10 : null,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
      ...this.cookieOrigin(c.name),
    }));
    const storage = [];
    const seen = new Set();
    for (const frame of this.page.frames()) {
      const read = frame
        .evaluate(async () => {
          const keys = (s) => {
            try {
              return Object.keys(s());
            } catch {
              return [];
            }
          };
          let idb = [];
          try {
            idb = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
          } catch {}
          return { origin: location.origin, localStorage: keys(() => localStorage), sessionStorage: keys(() => sessionStorage), indexedDB: idb };
        })
        .catch(() => null);
      const result = await Promise.race([read, sleep(2000).then(() => null)]);
      if (!result || result.origin === 'null' || seen.has(result.origin)) continue;
      seen.add(result.origin);
      for (const store of ['localStorage', 'sessionStorage', 'indexedDB']) {
        for (const key of result[store]) {
          const write = this.storageWrites.get(`${store}|${result.origin}|${key}`);
          storage.push({ store, origin: result.origin, key, setBy: write ? 'script' : null, by: write?.script ?? null });
        }
      }
    }
    const snap = { step, at: new Date().toISOString(), cookies, storage };
    this.snapshots.push(snap);
    return snap;
  }

  /** Who wrote a cookie of this name last: a response (its URL) or a script (its URL and line). */
  cookieOrigin(name) {
    const writes = this.cookieWrites.get(name);
    if (!writes?.length) return { setBy: null, by: null };
    const last = writes[writes.length - 1];
    return { setBy: last.setBy, by: last.by, writtenIn: last.step };
  }

  /** Requests Playwright saw that CDP did not (e.g. from a worker): added without an initiator. */
  mergePlaywrightRequests() {
    const counts = new Map();
    for (const r of this.requests) counts.set(r.url, (counts.get(r.url) ?? 0) + 1);
    for (const r of this.seenPw) {
      if (/^(data|blob|about):/.test(r.url)) continue;
      const n = counts.get(r.url) ?? 0;
      if (n > 0) {
        counts.set(r.url, n - 1);
        continue;
      }
      let host = '';
      try {
        host = new URL(r.url).hostname.toLowerCase();
      } catch {}
      this.requests.push({ step: r.step, url: r.url, host, method: null, type: r.type, initiator: null, document: null, status: null });
    }
  }

  /** The body of a response the page already fetched (e.g. the widget's data-config JSON). */
  async responseBody(url) {
    for (const [id, entry] of this.byId) {
      if (entry.url !== url) continue;
      try {
        const { body, base64Encoded } = await this.cdp.send('Network.getResponseBody', { requestId: id });
        return base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
      } catch {}
    }
    return null;
  }
}
