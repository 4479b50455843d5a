#!/usr/bin/env node
// asmeronexa-consent-server: the receipt server's command line (contract §9).
import { parseArgs } from 'node:util';
import { buildServer, openStore, startRetention, isPostgresUrl } from '../index.mjs';
import { COOKIE_NAME } from '../lib/cookie.mjs';

const USAGE = `Usage: asmeronexa-consent-server --db <file.sqlite | postgres://user:pass@host:5432/db> [options]

  --db PATH|URL          where receipts are stored: a SQLite file (created if missing) or a
                         postgres:// URL (required)
  --port N               port to listen on (default 8787; 0 picks a free one)
  --host ADDRESS         address to listen on (default 127.0.0.1; put a TLS proxy in front)
  --admin-token TOKEN    token for the admin endpoints and /admin (or env ASMERONEXA_ADMIN_TOKEN);
                         without one they answer 401
  --cookie-name NAME     the widget's consent cookie (default asmeronexa_consent)
  --cookie-days N        lifetime of the re-issued cookie in days (default 182)
  --retention-days N     delete receipts older than N days (at start, then every 6 hours)
  --help                 this text`;

function fail(message) {
  process.stderr.write(`asmeronexa-consent-server: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: false,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'admin-token': { type: 'string' },
      'cookie-name': { type: 'string' },
      'cookie-days': { type: 'string' },
      'retention-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(String(error.message).replace(/\. To specify .*$/s, ''));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const integer = (name, text, min, max) => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return Number(text);
};
if (!values.db) fail('--db is required: a SQLite file path or a postgres:// URL');
const port = integer('port', values.port, 0, 65535) ?? 8787;
const cookieDays = integer('cookie-days', values['cookie-days'], 1, 400) ?? 182;
const retentionDays = integer('retention-days', values['retention-days'], 1, 36500);
const cookieName = values['cookie-name'] ?? 'asmeronexa_consent';
if (!COOKIE_NAME.test(cookieName)) fail(`--cookie-name "${cookieName}" is not a valid cookie name`);
const host = values.host ?? '127.0.0.1';
if (host === '') fail('--host must not be empty');
const adminToken = values['admin-token'] ?? process.env.ASMERONEXA_ADMIN_TOKEN ?? null;
if (adminToken === '') fail('--admin-token must not be empty');
if (!adminToken) process.stderr.write('asmeronexa-consent-server: no --admin-token: lookup, export and /admin answer 401\n');
else if (adminToken.length < 16) process.stderr.write('asmeronexa-consent-server: warning: the admin token is short; use at least 32 random characters\n');

let store;
try {
  store = await openStore(values.db);
} catch (error) {
  process.stderr.write(`asmeronexa-consent-server: cannot open ${isPostgresUrl(values.db) ? 'the PostgreSQL database' : values.db}: ${error.message}\n`);
  process.exit(1);
}
const app = buildServer({ store, cookieName, cookieDays, adminToken, logger: { level: process.env.LOG_LEVEL ?? 'info' }, closeStore: true });
const retention = retentionDays ? startRetention(store, retentionDays, { log: (m) => app.log.info(m) }) : null;

try {
  await app.listen({ port, host });
} catch (error) {
  process.stderr.write(`asmeronexa-consent-server: cannot listen on ${host}:${port}: ${error.message}\n`);
  await store.close();
  process.exit(1);
}
const address = app.server.address();
const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
process.stdout.write(`asmeronexa-consent-server listening on http://${shown}:${address.port} (${store.kind})\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    retention?.stop();
    await app.close(); // waits for the receipts in flight, then closes the store
    process.exit(0);
  });
}
