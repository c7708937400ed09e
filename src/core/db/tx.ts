/** Runs `fn` in a transaction, joining the caller's transaction when there already is one. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export function inTransaction<T>(db: Kysely<DB>, fn: (tx: Kysely<DB> | Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
