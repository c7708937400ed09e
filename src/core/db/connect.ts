/**
 * Opens the database named by a URL — `sqlite:<file>` (embedded default, built-in node:sqlite)
 * or `postgres://…` (pg) — and returns a Kysely instance plus what callers need to know.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import { createRequire } from 'node:module';
import type { DatabaseSync } from 'node:sqlite';
import type { DB } from './schema.ts';
import { kyselySqliteDatabase, openSqlite } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The SQLite file path (sqlite only). */
  file: string | null;
  /** The raw node:sqlite handle (sqlite only), for backups. */
  sqlite: DatabaseSync | null;
  close(): Promise<void>;
}

export class DatabaseUrlError extends Error {}

export function describeUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export function openDatabase(url: string, opts: { poolSize?: number } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new DatabaseUrlError('sqlite: URL needs a file path, e.g. sqlite:./data/motcua.sqlite');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const raw = openSqlite(file);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: kyselySqliteDatabase(raw) }) });
    return { db, dialect: 'sqlite', file, sqlite: raw, close: () => db.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    // pg loaded only for a PostgreSQL URL (it is CommonJS: required synchronously).
    const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle connection the server closes (restart, failover, a dropped database) must not crash
    // the process: the pool drops it and opens a new one on the next query.
    pool.on('error', (e) => {
      console.error(`PostgreSQL: an idle connection was closed (${e.message})`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', file: null, sqlite: null, close: () => db.destroy() };
  }
  throw new DatabaseUrlError(`Unsupported DATABASE_URL ${describeUrl(url)}: use sqlite:<file> or postgres://…`);
}

function provider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      // Loaded when migrating, not with the connection: task-pool children only open the database.
      const { MIGRATIONS } = await import('./migrations/index.ts');
      return Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]) => [
          name,
          {
            up: (db: Kysely<unknown>) => m.up(db, { dialect }),
            down: m.down ? (db: Kysely<unknown>) => m.down!(db, { dialect }) : undefined,
          },
        ]),
      );
    },
  };
}

export class MigrationError extends Error {}

/** Runs pending migrations; returns the names applied now. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: provider(database.dialect) });
  const res: MigrationResultSet = await migrator.migrateToLatest();
  if (res.error) {
    const failed = res.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new MigrationError(
      `Migration ${failed} failed: ${res.error instanceof Error ? res.error.message : String(res.error)}`,
      { cause: res.error },
    );
  }
  return (res.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: provider(database.dialect) });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
