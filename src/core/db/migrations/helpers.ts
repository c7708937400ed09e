/** Small helpers that keep one migration file valid on SQLite and PostgreSQL. */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../connect.ts';

export interface MigrationContext {
  dialect: Dialect;
}

export interface Migration {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
  down?(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** An integer surrogate key: identity on PostgreSQL, rowid alias on SQLite. */
export function withId<T extends string>(t: CreateTableBuilder<T>, ctx: MigrationContext): CreateTableBuilder<T, 'id'> {
  return ctx.dialect === 'postgres'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
