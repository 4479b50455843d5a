// Versioned migrations, the same for both databases (each in its dialect). A database records
// the versions it has in schema_migrations; a new version is only ever appended here.
//
// receipts is append-only: the API only inserts; the retention purge is the only delete.
// body is the receipt as posted (the exact JSON text); the columns beside it are copies of
// fields for lookups and the charts. Nothing about the request (IP, user agent) is stored.

export const MIGRATIONS = [
  {
    version: 1,
    name: 'receipts',
    sqlite: `
      CREATE TABLE receipts (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT    NOT NULL UNIQUE,
        consent_id   TEXT    NOT NULL,
        server_time  TEXT    NOT NULL,   -- ISO 8601, UTC, milliseconds: sorts as text
        action       TEXT    NOT NULL,
        source       TEXT    NOT NULL,
        revision     INTEGER NOT NULL,
        gpc          INTEGER,            -- signals.gpc: 1, 0, or NULL when not sent
        minor        INTEGER,            -- signals.minor: 1, 0, or NULL when not sent
        body         TEXT    NOT NULL
      );
      CREATE INDEX receipts_consent_id ON receipts (consent_id, seq);
      CREATE INDEX receipts_server_time ON receipts (server_time);`,
    postgres: `
      CREATE TABLE receipts (
        seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id     TEXT        NOT NULL UNIQUE,
        consent_id   TEXT        NOT NULL,
        server_time  TIMESTAMPTZ NOT NULL,
        action       TEXT        NOT NULL,
        source       TEXT        NOT NULL,
        revision     BIGINT      NOT NULL,
        gpc          BOOLEAN,
        minor        BOOLEAN,
        body         TEXT        NOT NULL
      );
      CREATE INDEX receipts_consent_id ON receipts (consent_id, seq);
      CREATE INDEX receipts_server_time ON receipts (server_time);`,
  },
];

/** The row the stores insert, from a validated receipt, its exact text and the server's time. */
export function rowFor(receipt, text, serverTime) {
  const signals = receipt.signals ?? {};
  return {
    eventId: receipt.eventId,
    consentId: receipt.consentId,
    serverTime,
    action: receipt.action,
    source: receipt.source,
    revision: receipt.revision,
    gpc: typeof signals.gpc === 'boolean' ? signals.gpc : null,
    minor: typeof signals.minor === 'boolean' ? signals.minor : null,
    body: text,
  };
}

/** A stored record as the API answers it: the receipt as posted plus serverTime. */
export function toReceipt(record) {
  return { ...JSON.parse(record.body), serverTime: record.serverTime };
}
