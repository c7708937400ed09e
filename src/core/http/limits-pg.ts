/**
 * Rate-limit counters in PostgreSQL, shared by every instance on the database (docs/decisions/036).
 * One row per key (table `limit_counter`, migration 024); a hit is one atomic upsert that starts a
 * new window when the old one ended, so two instances counting the same key at the same moment
 * both see the sum. Rows whose window ended are deleted at most once a minute per process.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { LimitCount, LimitStore } from './limits.ts';

export class PgLimitStore implements LimitStore {
  private readonly db: Kysely<DB>;
  private readonly clock: () => number;
  private nextSweep = 0;

  constructor(db: Kysely<DB>, clock: () => number = Date.now) {
    this.db = db;
    this.clock = clock;
  }

  async hit(key: string, windowMs: number): Promise<LimitCount> {
    const now = this.clock();
    await this.sweep(now);
    const r = await sql<{ count: number | string; reset_at: string }>`
      INSERT INTO limit_counter (key, count, reset_at) VALUES (${key}, 1, ${now + windowMs})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN limit_counter.reset_at <= ${now} THEN 1 ELSE limit_counter.count + 1 END,
        reset_at = CASE WHEN limit_counter.reset_at <= ${now} THEN ${now + windowMs} ELSE limit_counter.reset_at END
      RETURNING count, reset_at`.execute(this.db);
    const row = r.rows[0];
    if (!row) throw new Error('limit_counter upsert returned no row');
    return { count: Number(row.count), resetAt: Number(row.reset_at) };
  }

  async peek(key: string): Promise<LimitCount> {
    const now = this.clock();
    const r = await sql<{ count: number | string; reset_at: string }>`
      SELECT count, reset_at FROM limit_counter WHERE key = ${key} AND reset_at > ${now}`.execute(this.db);
    const row = r.rows[0];
    return row ? { count: Number(row.count), resetAt: Number(row.reset_at) } : { count: 0, resetAt: now };
  }

  async reset(key: string): Promise<void> {
    await sql`DELETE FROM limit_counter WHERE key = ${key}`.execute(this.db);
  }

  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    await sql`DELETE FROM limit_counter WHERE reset_at <= ${now}`.execute(this.db);
  }
}
