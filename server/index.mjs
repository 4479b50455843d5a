// asmeronexa-consent-server as a library: the Fastify app, a handler to mount in a plain
// node:http server, and the stores.
//
//   import { openStore, createReceiptHandler } from 'asmeronexa-consent-server';
//   const store = await openStore('./data/consent.sqlite');
//   const receipts = createReceiptHandler({ store, adminToken: process.env.ASMERONEXA_ADMIN_TOKEN });
//   http.createServer((req, res) => receipts.handles(req) ? receipts(req, res) : platform(req, res));

import { buildServer, handlesPath } from './lib/app.mjs';

export { buildServer, handlesPath, parseRange, BODY_LIMIT, DEFAULT_COOKIE_NAME, DEFAULT_COOKIE_DAYS } from './lib/app.mjs';
export { openStore, isPostgresUrl } from './lib/store.mjs';
export { validateReceipt, receiptSchema } from './lib/validate.mjs';
export { consentIdFromCookie, reissueCookie } from './lib/cookie.mjs';
export { startRetention, purgeOlderThan } from './lib/retention.mjs';

/**
 * A `(req, res) => void` handler for a plain node:http server, answering exactly what the
 * standalone server answers on /api/consent-receipts, /api/consent-receipts/export and /admin
 * (with /admin/login, /admin/logout, /admin/export). The request body must not have been read
 * before. `handler.handles(req)` tells whether a request is for it; `handler.close()` stops it
 * (and closes the store only with closeStore: true).
 * @param {Parameters<typeof buildServer>[0]} options
 */
export function createReceiptHandler(options) {
  const app = buildServer(options);
  const ready = app.ready();
  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  const handler = (req, res) => {
    ready.then(
      () => app.routing(req, res),
      (error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error?.message ?? error) }));
      },
    );
  };
  handler.handles = (req) => handlesPath(new URL(req.url ?? '/', 'http://x').pathname);
  handler.ready = () => ready.then(() => undefined);
  handler.close = () => app.close();
  handler.app = app;
  return handler;
}
