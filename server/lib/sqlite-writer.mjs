// The SQLite threads. The writer owns the connection that inserts, so that the fsync of a
// commit blocks this thread and not the event loop, which meanwhile reads, validates and
// queues the next receipts (they become the next group commit). The checkpointer copies the
// WAL into the database file beside it, so that no commit has to wait for a checkpoint.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');

if (workerData.role === 'checkpoint') checkpointer();
else writer();

function writer() {
  const insert = db.prepare(
    `INSERT INTO receipts (event_id, consent_id, server_time, action, source, revision, gpc, minor, body)
     VALUES (@eventId, @consentId, @serverTime, @action, @source, @revision, @gpc, @minor, @body)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const bool = (value) => (value === null || value === undefined ? null : value ? 1 : 0);
  const insertAll = db.transaction((rows) => rows.map((row) => insert.run({ ...row, gpc: bool(row.gpc), minor: bool(row.minor) }).changes === 1));

  parentPort.on('message', ({ id, rows, close }) => {
    if (close) {
      db.close();
      parentPort.postMessage({ id, closed: true });
      return;
    }
    try {
      parentPort.postMessage({ id, stored: insertAll.immediate(rows) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.message ?? error) });
    }
  });
}

function checkpointer() {
  // PASSIVE never waits for the writer or a reader: it copies what it can, twice a second.
  const checkpoint = () => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy: the next round does it
    }
  };
  const timer = setInterval(checkpoint, 500);
  parentPort.on('message', ({ id, close }) => {
    if (!close) return;
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.postMessage({ id, closed: true });
  });
}
