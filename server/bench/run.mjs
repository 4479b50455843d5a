// npm run bench:server: the receipt server under load on loopback, as it runs in production
// (its own process, the real command line), with autocannon: 50 connections posting receipts
// with fresh event ids for a bounded time, on SQLite and on PostgreSQL. Prints receipts/s and
// latency percentiles, then checks that every 204 is in the database. A first run against the
// same app with a store that keeps nothing shows what HTTP and validation alone allow on this
// machine at this moment (a shared machine's neighbours show up there too).
//
//   npm run bench:server                      SQLite; PostgreSQL too when a URL is given:
//   ASMERONEXA_BENCH_PG_URL=postgres://…      (or ASMERONEXA_TEST_PG_URL)
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=50

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStore } from '../index.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.ASMERONEXA_BENCH_PG_URL ?? process.env.ASMERONEXA_TEST_PG_URL;
const BIN = fileURLToPath(new URL('../bin/asmeronexa-consent-server.mjs', import.meta.url));
if (!(SECONDS > 0 && SECONDS <= 120) || !(CONNECTIONS > 0 && CONNECTIONS <= 1000)) throw new Error('BENCH_SECONDS 1..120, BENCH_CONNECTIONS 1..1000');

const NULL_SERVER = fileURLToPath(new URL('./null-server.mjs', import.meta.url));

function startServer(db) {
  return new Promise((resolve, reject) => {
    const args = db ? [BIN, '--db', db, '--port', '0', '--admin-token', randomUUID()] : [NULL_SERVER];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function body(consentId) {
  return JSON.stringify({
    schema: 'asmeronexa-consent-receipt/1', consentId, eventId: randomUUID(), clientTime: new Date().toISOString(),
    action: Math.random() < 0.5 ? 'reject_all' : 'accept_all', source: 'banner', revision: 3, policyVersion: '2026-11',
    configHash: '1x2y3z', widgetVersion: '0.2.0', language: 'de',
    categories: { session: true, analytics: false, functional: true }, services: { ga: false, matomo: false, video: true },
    page: '/kurse/statistik/lektion-4', signals: { gpc: false, minor: false },
  });
}

async function bench(name, db, openForCount) {
  const { child, url } = await startServer(db);
  const consentIds = Array.from({ length: 1000 }, () => randomUUID());
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/consent-receipts`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body(consentIds[n++ % consentIds.length]) }) }],
  });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const ok = result['2xx'];
  let stored = ok;
  if (openForCount) {
    const store = await openForCount();
    stored = await store.count();
    await store.close();
  }
  return {
    database: name,
    'receipts/s': Math.round(ok / result.duration),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    '204s': ok,
    'non-2xx': result.non2xx + result.errors + result.timeouts,
    stored: openForCount ? stored : '–',
    'all 204s stored': stored >= ok,
  };
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'asmeronexa-bench-'));
try {
  rows.push(await bench('no storage (HTTP + validation only)', null, null));
  const file = join(dir, 'bench.sqlite');
  rows.push(await bench('SQLite (WAL, synchronous=FULL)', file, () => openStore(file)));
  if (PG_URL) {
    const schema = `bench_${Date.now()}`;
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const setup = await openStore(PG_URL, { schema });
    await setup.close();
    rows.push(await bench('PostgreSQL (fsync on)', url, () => openStore(PG_URL, { schema })));
    const cleanup = await openStore(PG_URL, { schema });
    await cleanup.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await cleanup.close();
  } else {
    console.warn('PostgreSQL skipped: set ASMERONEXA_BENCH_PG_URL (e.g. from server/scripts/start-postgres.sh)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nasmeronexa-consent-server, ${CONNECTIONS} connections, ${SECONDS} s each, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.table(rows);
const sqlite = rows[1];
const goal = sqlite['receipts/s'] >= 1000 && sqlite['p99 ms'] < 50;
console.log(`goal on SQLite (>= 1000 receipts/s, p99 < 50 ms): ${goal ? 'met' : 'NOT met'}`);
if (rows.some((r) => !r['all 204s stored'])) {
  console.error('an acknowledged receipt is missing from the database');
  process.exitCode = 1;
}
