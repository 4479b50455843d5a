// SQLite storage (better-sqlite3). WAL with synchronous=FULL: every commit is fsynced before
// the server answers 204, so neither kill -9 nor a power cut loses an acknowledged receipt
// (NORMAL would survive kill -9 but may lose the last commits on a power cut). One fsync
// costs milliseconds, so concurrent receipts share one transaction (group commit).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.mjs';
import { MIGRATIONS } from './migrations.mjs';

export function openSqliteStore(file, { maxBatch = 512 } = {}) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  migrate(db);

  const insert = db.prepare(
    `INSERT INTO receipts (event_id, consent_id, server_time, action, source, revision, gpc, minor, body)
     VALUES (@eventId, @consentId, @serverTime, @action, @source, @revision, @gpc, @minor, @body)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const insertAll = db.transaction((rows) =>
    rows.map((row) => insert.run({ ...row, gpc: bool(row.gpc), minor: bool(row.minor) }).changes === 1),
  );
  const byConsent = db.prepare('SELECT seq, server_time AS serverTime, body FROM receipts WHERE consent_id = ? ORDER BY seq');
  const page = db.prepare(
    `SELECT seq, server_time AS serverTime, body FROM receipts
     WHERE seq > ? AND server_time >= ? AND server_time < ? ORDER BY seq LIMIT ?`,
  );
  const purge = db.prepare('DELETE FROM receipts WHERE server_time < ?');
  const count = db.prepare('SELECT count(*) AS n FROM receipts');
  const commits = new GroupCommit((rows) => insertAll.immediate(rows), { maxBatch, maxInFlight: 1 });

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
      db.close();
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
