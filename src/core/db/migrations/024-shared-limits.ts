/**
 * Several instances on one PostgreSQL database (issue 15 part 2, docs/decisions/036): the rate-limit
 * and login counters every instance shares, and the open event-stream slots per client address. One row per key and fixed window; `reset_at` is
 * milliseconds since the epoch. Counted with one atomic upsert (core/http/limits-pg.ts); rows whose
 * window ended are deleted as the store goes. Created on SQLite too (one process counts in memory
 * there, the table stays empty) so both databases keep one schema.
 */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db) {
    await db.schema
      .createTable('limit_counter')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('reset_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('limit_counter_reset_at').on('limit_counter').column('reset_at').execute();
    // Open event streams per client address across instances (core/http/stream-slots.ts).
    await db.schema
      .createTable('stream_slot')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stream_slot_ip').on('stream_slot').columns(['ip', 'expires_at']).execute();
  },
};
