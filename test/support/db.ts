/**
 * Fresh databases for tests: SQLite always (a temporary file), PostgreSQL too when
 * TEST_DATABASE_URL is set (a new database per call, dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../../src/core/db/connect.ts';
import type { Deps } from '../../src/core/deps.ts';

export interface TestDb {
  database: Database;
  deps: Deps;
  config: Config;
  dialect: Dialect;
  close(): Promise<void>;
}

const silent = { info() {}, warn() {}, error() {} };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off', PORT: '0', HOST: '127.0.0.1', ...overrides });
}

async function open(url: string, dialect: Dialect, cleanup: () => Promise<void>, now?: () => Date): Promise<TestDb> {
  const config = testConfig({ DATABASE_URL: url });
  const database = openDatabase(url, { poolSize: 4 });
  await migrateToLatest(database);
  const deps: Deps = { db: database.db, dialect, config, now: now ?? (() => new Date()), log: silent };
  return {
    database,
    deps,
    config,
    dialect,
    async close() {
      await database.close();
      await cleanup();
    },
  };
}

export async function freshSqlite(now?: () => Date): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-test-'));
  return open(
    `sqlite:${join(dir, 'test.sqlite')}`,
    'sqlite',
    async () => {
      rmSync(dir, { recursive: true, force: true });
    },
    now,
  );
}

export async function freshPostgres(now?: () => Date): Promise<TestDb> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return open(
    url.toString(),
    'postgres',
    async () => {
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    },
    now,
  );
}

/** The databases every repository test runs on. */
export const DATABASES: { name: Dialect; fresh: (now?: () => Date) => Promise<TestDb> }[] = [
  { name: 'sqlite', fresh: freshSqlite },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, fresh: freshPostgres }] : []),
];
