// Picks the storage from --db: a postgres:// (or postgresql://) URL, otherwise a SQLite file.
import { openSqliteStore } from './store-sqlite.mjs';
import { openPostgresStore } from './store-postgres.mjs';

export const isPostgresUrl = (db) => /^postgres(ql)?:\/\//i.test(db);

/** @param {string} db a SQLite path or a postgres:// URL @param {object} [options] */
export async function openStore(db, options = {}) {
  if (typeof db !== 'string' || db === '') throw new Error('openStore: a SQLite path or a postgres:// URL is needed');
  return isPostgresUrl(db) ? openPostgresStore(db, options) : openSqliteStore(db, options);
}
