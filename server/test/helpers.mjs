// Shared by the server tests: receipts, the widget's own cookie encoder, and the databases.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, openStore } from '../index.mjs';
import { rowFor } from '../lib/migrations.mjs';

export { encodeChoice } from '../../src/core/choice.ts';

export const PG_URL = process.env.ASMERONEXA_TEST_PG_URL;

let warned = false;
/** The databases every contract test runs on: SQLite always, PostgreSQL when configured. */
export function backends() {
  if (!PG_URL && !warned) {
    warned = true;
    console.warn(
      '\n!!! ASMERONEXA_TEST_PG_URL is not set: the PostgreSQL tests of the receipt server are SKIPPED.\n' +
        '!!! Run them with: export ASMERONEXA_TEST_PG_URL="$(sudo bash server/scripts/start-postgres.sh)"\n' +
        '!!!                npx vitest run --project server\n',
    );
  }
  return [
    { name: 'sqlite', enabled: true, open: openTempSqlite },
    { name: 'postgres', enabled: Boolean(PG_URL), open: openTempPostgres },
  ];
}

export async function openTempSqlite(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'asmeronexa-server-'));
  const file = join(dir, 'consent.sqlite');
  const store = await openStore(file, options);
  return {
    store,
    db: file,
    dir,
    reopen: () => openStore(file, options),
    cleanup: async () => {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openTempPostgres(options = {}) {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const store = await openStore(PG_URL, { ...options, schema });
  return {
    store,
    schema,
    db: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    reopen: () => openStore(PG_URL, { ...options, schema }),
    cleanup: async () => {
      await store.close().catch(() => {});
      await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

let counter = 0;
export const newId = (prefix = 'id') => `${prefix}-${randomUUID()}`;

/** A receipt as the widget of today posts it (no optional fields). */
export function receipt(given = {}) {
  counter++;
  const overrides = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return {
    schema: 'asmeronexa-consent-receipt/1',
    consentId: overrides.consentId ?? newId('c'),
    eventId: newId('e'),
    clientTime: '2026-12-01T10:00:00.000Z',
    action: 'save',
    source: 'settings',
    revision: 1,
    policyVersion: '2026-11',
    configHash: `h${counter}`,
    widgetVersion: '0.1.0',
    language: 'de',
    categories: { session: true, analytics: false, functional: true },
    services: { ga: false, matomo: false },
    page: '/kurs/statistik',
    ...overrides,
  };
}

/** Stores a receipt directly with the given server time (for history the API cannot make). */
export const storeAt = (store, r, serverTime) => store.add(rowFor(r, JSON.stringify(r), serverTime));

export const TOKEN = 'test-admin-token-0123456789abcdef';

/**
 * For the tests of one describe block: before them, the backend's store opened and a server on it
 * (handed to `use`); after them, both closed, even if the start failed halfway.
 */
export function serverOn(backend, use) {
  const opened = {};
  beforeAll(async () => {
    opened.db = await backend.open();
    opened.app = buildServer({ store: opened.db.store, adminToken: TOKEN });
    await opened.app.ready();
    use(opened);
  });
  afterAll(async () => {
    await opened.app?.close();
    await opened.db?.cleanup();
  });
}
