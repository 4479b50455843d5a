// PostgreSQL storage (pg Pool), the same schema and behaviour as SQLite. Concurrent receipts
// go into one multi-row INSERT (one commit, one WAL flush); a few such batches may run at
// once on the pool. PostgreSQL's defaults (fsync, synchronous_commit on) make the commit
// durable before the server answers 204.

import pg from 'pg';
import { GroupCommit } from './group-commit.mjs';
import { MIGRATIONS } from './migrations.mjs';

const COLUMNS = ['event_id', 'consent_id', 'server_time', 'action', 'source', 'revision', 'gpc', 'minor', 'body'];
const FIELDS = ['eventId', 'consentId', 'serverTime', 'action', 'source', 'revision', 'gpc', 'minor', 'body'];

/** @param {string} url postgres://… @param {{ schema?: string, poolSize?: number, maxBatch?: number }} [options] */
export async function openPostgresStore(url, { schema, poolSize = 10, maxBatch = 512 } = {}) {
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on('error', () => {}); // an idle client lost its connection: the pool replaces it
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await migrate(pool);

  const write = async (rows) => {
    const values = [];
    const tuples = rows.map((row, i) => {
      FIELDS.forEach((field) => values.push(row[field]));
      return `(${COLUMNS.map((_, j) => `$${i * COLUMNS.length + j + 1}`).join(', ')})`;
    });
    const result = await pool.query(
      `INSERT INTO receipts (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      values,
    );
    const inserted = new Set(result.rows.map((r) => r.event_id));
    // A duplicate within the batch: only its first occurrence counts as new.
    return rows.map((row) => inserted.delete(row.eventId));
  };
  const commits = new GroupCommit(write, { maxBatch, maxInFlight: Math.max(1, Math.floor(poolSize / 2)) });
  const record = (r) => ({ seq: Number(r.seq), serverTime: r.server_time.toISOString(), body: r.body });

  return {
    kind: 'postgres',
    commits,
    pool,
    add: (row) => commits.add(row),
    async byConsentId(consentId) {
      const { rows } = await pool.query('SELECT seq, server_time, body FROM receipts WHERE consent_id = $1 ORDER BY seq', [consentId]);
      return rows.map(record);
    },
    async *iterate({ from = '0001-01-01T00:00:00Z', to = '9999-12-31T23:59:59Z', pageSize = 1000 } = {}) {
      let after = 0;
      for (;;) {
        const { rows } = await pool.query(
          'SELECT seq, server_time, body FROM receipts WHERE seq > $1 AND server_time >= $2 AND server_time < $3 ORDER BY seq LIMIT $4',
          [after, from, to, pageSize],
        );
        yield* rows.map(record);
        if (rows.length < pageSize) return;
        after = Number(rows[rows.length - 1].seq);
      }
    },
    async purgeBefore(iso) {
      await commits.drain();
      return (await pool.query('DELETE FROM receipts WHERE server_time < $1', [iso])).rowCount;
    },
    async count() {
      return Number((await pool.query('SELECT count(*) AS n FROM receipts')).rows[0].n);
    },
    async close() {
      await commits.drain();
      await pool.end();
    },
  };
}

async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two servers starting at once: the second waits here, then finds the work done.
    await client.query('SELECT pg_advisory_xact_lock(727560)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
