// SQLite storage (better-sqlite3). WAL with synchronous=FULL: every commit is fsynced before
// the server answers 204, so neither kill -9 nor a power cut loses an acknowledged receipt
// (NORMAL would survive kill -9 but may lose the last commits on a power cut). One fsync
// costs milliseconds, so concurrent receipts share one transaction (group commit), written
// by a worker thread (sqlite-writer.mjs) while the event loop goes on taking requests; a
// second thread checkpoints the WAL beside it, so that no commit waits for a checkpoint.
// Reads (lookup, export, charts) use a second connection on the main thread: WAL lets them
// run beside the writer, and they see every committed receipt.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.mjs';
import { MIGRATIONS } from './migrations.mjs';

export function openSqliteStore(file, { maxBatch = 512, writer = 'thread' } = {}) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  migrate(db);

  // ':memory:' is one database per connection: it is written on this thread.
  const threaded = writer === 'thread' && file !== ':memory:';
  const write = threaded ? writerThread(file, 'write') : inlineWriter(db);
  const checkpoints = threaded ? writerThread(file, 'checkpoint') : null;
  if (threaded) db.pragma('wal_autocheckpoint = 0');
  const byConsent = db.prepare('SELECT seq, server_time AS serverTime, body FROM receipts WHERE consent_id = ? ORDER BY seq');
  const page = db.prepare(
    `SELECT seq, server_time AS serverTime, body FROM receipts
     WHERE seq > ? AND server_time >= ? AND server_time < ? ORDER BY seq LIMIT ?`,
  );
  const purge = db.prepare('DELETE FROM receipts WHERE server_time < ?');
  const count = db.prepare('SELECT count(*) AS n FROM receipts');
  const commits = new GroupCommit(write.write, { maxBatch, maxInFlight: 1 });

  return {
    kind: 'sqlite',
    commits,
    /** Stores one row (see rowFor); resolves after the commit with whether it was new. */
    add: (row) => commits.add(row),
    async byConsentId(consentId) {
      return byConsent.all(consentId);
    },
    /** Records with from <= serverTime < to, in the order received, a page at a time. */
    async *iterate({ from = '0000', to = '9999', pageSize = 1000 } = {}) {
      let after = 0;
      for (;;) {
        const rows = page.all(after, from, to, pageSize);
        yield* rows;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1].seq;
      }
    },
    async purgeBefore(iso) {
      await commits.drain();
      return purge.run(iso).changes;
    },
    async count() {
      return count.get().n;
    },
    async close() {
      await commits.drain();
      await write.close();
      await checkpoints?.close();
      db.close();
    },
  };
}

function inlineWriter(db) {
  const insert = db.prepare(
    `INSERT INTO receipts (event_id, consent_id, server_time, action, source, revision, gpc, minor, body)
     VALUES (@eventId, @consentId, @serverTime, @action, @source, @revision, @gpc, @minor, @body)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const insertAll = db.transaction((rows) => rows.map((row) => insert.run({ ...row, gpc: bool(row.gpc), minor: bool(row.minor) }).changes === 1));
  return { write: (rows) => insertAll.immediate(rows), close: async () => {} };
}

function writerThread(file, role) {
  const worker = new Worker(new URL('./sqlite-writer.mjs', import.meta.url), { workerData: { file, role } });
  const waiting = new Map();
  let next = 0;
  let failure = null;
  const failAll = (error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', ({ id, stored, error, closed }) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (error) entry.reject(new Error(error));
    else entry.resolve(closed ? undefined : stored);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer stopped (${code})`)));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    write: (rows) => ask({ rows }),
    close: async () => {
      if (!failure) await ask({ close: true }).catch(() => {});
      await worker.terminate();
    },
  };
}

const bool = (value) => (value === null || value === undefined ? null : value ? 1 : 0);

function migrate(db) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const apply = db.transaction(() => {
    const done = new Set(db.prepare('SELECT version FROM schema_migrations').all().map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }
  });
  apply.immediate();
}
