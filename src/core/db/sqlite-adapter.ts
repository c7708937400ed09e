/**
 * Adapts Node's built-in `node:sqlite` (DatabaseSync) to the small interface Kysely's
 * SqliteDialect expects, so the embedded default needs no native build.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export interface SqliteOpenOptions {
  /** 'FULL' survives power loss (default); 'NORMAL' survives process crashes only. */
  synchronous?: 'FULL' | 'NORMAL';
  readOnly?: boolean;
}

export function openSqlite(path: string, opts: SqliteOpenOptions = {}): DatabaseSync {
  const db = new DatabaseSync(path, { readOnly: opts.readOnly ?? false, enableForeignKeyConstraints: true });
  db.exec('PRAGMA busy_timeout = 5000');
  if (!opts.readOnly && path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

function params(p: readonly unknown[]): SQLInputValue[] {
  return p.map((v) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === undefined) return null;
    return v as SQLInputValue;
  });
}

class StatementAdapter implements SqliteStatement {
  readonly reader: boolean;
  readonly #stmt: StatementSync;
  constructor(stmt: StatementSync) {
    this.#stmt = stmt;
    this.reader = stmt.columns().length > 0;
  }
  all(p: readonly unknown[]): unknown[] {
    return this.#stmt.all(...params(p));
  }
  run(p: readonly unknown[]) {
    const r = this.#stmt.run(...params(p));
    return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
  }
  iterate(p: readonly unknown[]): IterableIterator<unknown> {
    return this.#stmt.iterate(...params(p));
  }
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a small statement, so
 * prepared statements are kept by their SQL text (queries are parameterised: a bounded set).
 */
export function kyselySqliteDatabase(db: DatabaseSync, cacheSize = 500): SqliteDatabase {
  const cache = new Map<string, StatementAdapter>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (sql: string) => {
      const hit = cache.get(sql);
      if (hit) return hit;
      const stmt = new StatementAdapter(db.prepare(sql));
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
