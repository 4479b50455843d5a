// The Fastify application: the receipt endpoint, the admin's lookup and export, and /admin.

import { Readable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { validateReceipt } from './validate.mjs';
import { reissueCookie, COOKIE_NAME } from './cookie.mjs';
import { rowFor, toReceipt } from './migrations.mjs';
import { authorize } from './auth.mjs';
import { exportLines, EXPORT_TYPES } from './export.mjs';
import { registerAdmin } from './admin.mjs';

export const BODY_LIMIT = 16 * 1024;
export const DEFAULT_COOKIE_NAME = 'asmeronexa_consent';
export const DEFAULT_COOKIE_DAYS = 182;
const CONSENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Paths this server answers, with their methods: any other method gets 405. */
const ALLOWED = {
  '/api/consent-receipts': 'GET, HEAD, POST',
  '/api/consent-receipts/export': 'GET, HEAD',
  '/admin': 'GET, HEAD',
  '/admin/login': 'POST',
  '/admin/logout': 'POST',
  '/admin/export': 'GET, HEAD',
};

/** Whether a request path belongs to this server (for mounting it in another one). */
export const handlesPath = (pathname) => Object.hasOwn(ALLOWED, pathname);

/** Requests behind a TLS-terminating proxy say so; a cookie set there gets `Secure`. */
export const isHttps = (req) => Boolean(req.socket?.encrypted) || /^https\s*(,|$)/i.test(String(req.headers['x-forwarded-proto'] ?? ''));

/**
 * The receipt server as a Fastify instance (not listening yet).
 * @param {{
 *   store: any, cookieName?: string, cookieDays?: number, adminToken?: string | null,
 *   logger?: boolean | object, onReceipt?: (receipt: object, serverTime: string, stored: boolean) => void,
 *   closeStore?: boolean,
 * }} options
 */
export function buildServer({
  store,
  cookieName = DEFAULT_COOKIE_NAME,
  cookieDays = DEFAULT_COOKIE_DAYS,
  adminToken = null,
  logger = false,
  onReceipt,
  closeStore = false,
}) {
  if (!store) throw new Error('buildServer: a store is needed (openStore)');
  if (!COOKIE_NAME.test(cookieName)) throw new Error(`invalid cookie name ${cookieName}`);
  if (!(cookieDays > 0)) throw new Error('cookieDays must be a positive number');

  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    // Nothing personal in the logs either: no IP address, no user agent, no query string.
    logger: logger && {
      ...(typeof logger === 'object' ? logger : {}),
      serializers: { req: (req) => ({ method: req.method, path: String(req.url).split('?')[0] }) },
    },
  });

  // Bodies are kept as text: the receipt is stored exactly as posted, and a body that is not
  // JSON gets the same clear 400 whichever type it came with.
  app.removeAllContentTypeParsers();
  for (const type of ['application/json', 'text/plain']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  }

  app.setErrorHandler((error, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message =
      status === 413 ? `the body is larger than ${BODY_LIMIT / 1024} KiB`
      : status === 415 ? 'Content-Type must be application/json or text/plain'
      : status < 500 ? error.message
      : 'internal error';
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    reply.code(status).header('cache-control', 'no-store').send({ error: message });
  });

  app.setNotFoundHandler((req, reply) => {
    const path = String(req.url).split('?')[0];
    if (handlesPath(path)) return reply.code(405).header('allow', ALLOWED[path]).send({ error: `${req.method} is not allowed here` });
    reply.code(404).send({ error: 'not found' });
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.post('/api/consent-receipts', async (req, reply) => {
    const text = req.body;
    if (typeof text !== 'string' || text.trim() === '') return reply.code(400).send({ error: 'the body is empty: a receipt is needed' });
    let receipt;
    try {
      receipt = JSON.parse(text);
    } catch {
      return reply.code(400).send({ error: 'the body is not valid JSON' });
    }
    const verdict = validateReceipt(receipt);
    if (!verdict.ok) return reply.code(400).send({ error: verdict.error });

    const serverTime = new Date().toISOString();
    let stored;
    try {
      stored = await store.add(rowFor(receipt, text, serverTime));
    } catch (error) {
      req.log.error({ err: error }, 'receipt not stored');
      return reply.code(503).header('retry-after', '5').send({ error: 'the receipt could not be stored: send it again' });
    }
    const setCookie = reissueCookie({ cookieHeader: req.headers.cookie, cookieName, consentId: receipt.consentId, days: cookieDays, secure: isHttps(req.raw) });
    if (setCookie) reply.header('set-cookie', setCookie);
    onReceipt?.(receipt, serverTime, stored);
    return reply.code(204).send();
  });

  const needToken = (req, reply) => {
    if (authorize(req.headers, adminToken)) return false;
    reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="asmeronexa-consent"')
      .send({ error: adminToken ? 'a valid admin token is needed: Authorization: Bearer <token>' : 'the server was started without --admin-token' });
    return true;
  };

  app.get('/api/consent-receipts', async (req, reply) => {
    if (needToken(req, reply)) return reply;
    const { consentId } = /** @type {any} */ (req.query);
    if (typeof consentId !== 'string' || consentId === '') return reply.code(400).send({ error: 'consentId is required' });
    if (!CONSENT_ID.test(consentId)) return reply.code(400).send({ error: 'consentId must be 8 to 64 letters, digits or hyphens' });
    return (await store.byConsentId(consentId)).map(toReceipt);
  });

  const exportHandler = async (req, reply) => {
    const query = /** @type {any} */ (req.query);
    const format = query.format ?? 'ndjson';
    if (!Object.hasOwn(EXPORT_TYPES, format)) return reply.code(400).send({ error: 'format must be ndjson or csv' });
    const range = parseRange(query);
    if (range.error) return reply.code(400).send({ error: range.error });
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .type(EXPORT_TYPES[format])
      .header('content-disposition', `attachment; filename="consent-receipts-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    return reply.send(Readable.from(exportLines(store.iterate(range), format)));
  };
  app.get('/api/consent-receipts/export', async (req, reply) => (needToken(req, reply) ? reply : exportHandler(req, reply)));

  app.register(async (admin) => registerAdmin(admin, { store, adminToken, exportHandler }));

  if (closeStore) app.addHook('onClose', async () => store.close());
  return app;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * from/to of an export: a date (YYYY-MM-DD, UTC; `to` includes that day) or an ISO 8601 date-time
 * (`to` exclusive). Both optional.
 */
export function parseRange({ from, to }) {
  const bound = (value, name, endOfDay) => {
    if (value === undefined || value === '') return { value: undefined };
    if (typeof value !== 'string' || !(DATE.test(value) || DATE_TIME.test(value)) || Number.isNaN(Date.parse(value))) {
      return { error: `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time` };
    }
    const ms = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) + (endOfDay ? 86_400_000 : 0) : Date.parse(value);
    return { value: new Date(ms).toISOString() };
  };
  const a = bound(from, 'from', false);
  if (a.error) return a;
  const b = bound(to, 'to', true);
  if (b.error) return b;
  return { ...(a.value ? { from: a.value } : {}), ...(b.value ? { to: b.value } : {}) };
}
