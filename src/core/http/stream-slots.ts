/**
 * Open event streams per client address, counted across instances (docs/decisions/036). Each
 * instance still caps its own streams in memory (features/queue/live.ts); when several instances
 * share a PostgreSQL database the per-address cap is also checked here, so a client cannot hold
 * the cap once per instance. A slot is a row (`stream_slot`, migration 024) with an expiry the
 * holding instance pushes forward every 30 s; an instance that dies leaves rows that stop counting
 * after 90 s. Taking a slot locks the address (transaction advisory lock), counts, inserts.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../deps.ts';

export interface StreamSlots {
  /** A slot for `ip` if fewer than `perIp` are held by all instances; the release runs once. */
  take(ip: string, perIp: number): Promise<(() => void) | null>;
}

export const SLOT_TTL_MS = 90_000;
export const SLOT_HEARTBEAT_MS = 30_000;
const SLOT_LOCK_CLASS = 0x4d44;

export class PgStreamSlots implements StreamSlots {
  private readonly db: Kysely<DB>;
  private readonly clock: () => number;
  private readonly log: Pick<Logger, 'warn'> | undefined;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(db: Kysely<DB>, opts: { clock?: () => number; log?: Pick<Logger, 'warn'> } = {}) {
    this.db = db;
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log;
  }

  async take(ip: string, perIp: number): Promise<(() => void) | null> {
    const id = randomUUID();
    const ok = await this.db.transaction().execute(async (tx) => {
      const now = this.clock();
      await sql`SELECT pg_advisory_xact_lock(${SLOT_LOCK_CLASS}, hashtext(${ip}))`.execute(tx);
      const r = await sql<{ n: string | number }>`
        SELECT count(*) AS n FROM stream_slot WHERE ip = ${ip} AND expires_at > ${now}`.execute(tx);
      if (Number(r.rows[0]?.n ?? 0) >= perIp) return false;
      await sql`INSERT INTO stream_slot (id, ip, expires_at) VALUES (${id}, ${ip}, ${now + SLOT_TTL_MS})`.execute(tx);
      return true;
    });
    if (!ok) return null;
    this.held.add(id);
    this.startHeartbeat();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(id);
      sql`DELETE FROM stream_slot WHERE id = ${id}`.execute(this.db).catch((e: unknown) => {
        this.log?.warn({ err: String(e) }, 'stream slot: release failed (it expires by itself)');
      });
    };
  }

  /** Pushes the expiry of the slots this instance holds, and deletes long-expired rows. */
  async heartbeat(): Promise<void> {
    const now = this.clock();
    const ids = [...this.held];
    if (ids.length)
      await sql`UPDATE stream_slot SET expires_at = ${now + SLOT_TTL_MS} WHERE id IN (${sql.join(ids)})`.execute(
        this.db,
      );
    await sql`DELETE FROM stream_slot WHERE expires_at <= ${now}`.execute(this.db);
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.held.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
      this.heartbeat().catch((e: unknown) => {
        this.log?.warn({ err: String(e) }, 'stream slot: heartbeat failed');
      });
    }, SLOT_HEARTBEAT_MS);
    this.timer.unref();
  }
}
