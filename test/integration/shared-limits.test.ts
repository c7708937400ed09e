/**
 * Several instances on one PostgreSQL database: rate-limit counters shared (two pools stand for two
 * instances) and background jobs run by one instance at a time (advisory locks). Skipped without
 * TEST_DATABASE_URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPostgres, freshSqlite } from '../support/db.ts';
import { openDatabase } from '../../src/core/db/connect.ts';
import { PgLimitStore } from '../../src/core/http/limits-pg.ts';
import { runAlone } from '../../src/core/db/single-run.ts';
import { PgStreamSlots, SLOT_TTL_MS } from '../../src/core/http/stream-slots.ts';

const skip = process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set (CI sets it)';

test('PostgreSQL limit store: two instances hitting one key concurrently count every hit once', { skip }, async () => {
  const t = await freshPostgres();
  const other = openDatabase(t.config.databaseUrl, { poolSize: 4 });
  try {
    let now = 1_000_000;
    const a = new PgLimitStore(t.deps.db, () => now);
    const b = new PgLimitStore(other.db, () => now);
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('k', 60_000)));
    assert.deepEqual(
      counts.map((c) => c.count).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i + 1),
      'each hit got its own count: no lost update',
    );
    assert.equal((await b.peek('k')).count, 40);
    assert.equal((await a.peek('k')).resetAt, 1_060_000);
    // The window ends: the next hit starts again at 1, and the old row is swept.
    now = 1_060_000;
    assert.equal((await a.peek('k')).count, 0);
    await a.hit('gone', 1);
    now = 2_000_000;
    assert.deepEqual(await b.hit('k', 60_000), { count: 1, resetAt: 2_060_000 });
    await a.hit('other', 60_000); // sweeps expired rows (once a minute per store)
    const left = await t.deps.db
      .selectFrom('limit_counter' as never)
      .select('key' as never)
      .execute();
    assert.deepEqual((left as { key: string }[]).map((r) => r.key).sort(), ['k', 'other']);
    await a.reset('k');
    assert.equal((await b.peek('k')).count, 0);
  } finally {
    await other.close();
    await t.close();
  }
});

test(
  'jobs on PostgreSQL: one instance runs a job at a time, the other skips; different jobs do not block',
  { skip },
  async () => {
    const t = await freshPostgres();
    const other = openDatabase(t.config.databaseUrl, { poolSize: 4 });
    const b = { db: other.db, dialect: 'postgres' as const };
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = runAlone(t.deps, 'outbox', async () => {
        await held;
        return 'a';
      });
      await new Promise((r) => setTimeout(r, 200)); // the first pass holds its lock
      assert.deepEqual(await runAlone(b, 'outbox', () => Promise.resolve('b')), { ran: false });
      assert.deepEqual(await runAlone(b, 'retention', () => Promise.resolve('r')), { ran: true, value: 'r' });
      release();
      assert.deepEqual(await first, { ran: true, value: 'a' });
      assert.deepEqual(await runAlone(b, 'outbox', () => Promise.resolve('b')), { ran: true, value: 'b' }, 'released');
      // A pass that throws releases its lock too.
      await assert.rejects(
        runAlone(b, 'outbox', () => Promise.reject(new Error('hỏng'))),
        /hỏng/,
      );
      assert.deepEqual(await runAlone(t.deps, 'outbox', () => Promise.resolve(1)), { ran: true, value: 1 });
    } finally {
      await other.close();
      await t.close();
    }
  },
);

test('jobs on SQLite (one process): the pass simply runs', async () => {
  const t = await freshSqlite();
  try {
    assert.deepEqual(await runAlone(t.deps, 'outbox', () => Promise.resolve(7)), { ran: true, value: 7 });
  } finally {
    await t.close();
  }
});

test(
  'event-stream slots per client address are counted across instances, expire when not kept alive',
  { skip },
  async () => {
    const t = await freshPostgres();
    const other = openDatabase(t.config.databaseUrl, { poolSize: 4 });
    try {
      let now = 5_000_000;
      const a = new PgStreamSlots(t.deps.db, { clock: () => now });
      const b = new PgStreamSlots(other.db, { clock: () => now });
      const taken = await Promise.all([
        a.take('198.51.100.7', 3),
        b.take('198.51.100.7', 3),
        a.take('198.51.100.7', 3),
      ]);
      assert.ok(taken.every(Boolean));
      assert.equal(await b.take('198.51.100.7', 3), null, 'the cap counts both instances');
      assert.ok(await b.take('198.51.100.8', 3), 'another address is not affected');
      taken[1]?.();
      taken[1]?.(); // runs once
      await new Promise((r) => setTimeout(r, 100));
      const again = await b.take('198.51.100.7', 3);
      assert.ok(again, 'a released slot is free again');
      // Instance a dies (no heartbeat): its slots stop counting after the TTL; b's are kept alive.
      now += SLOT_TTL_MS - 1000;
      await b.heartbeat();
      now += 2000;
      assert.ok(await b.take('198.51.100.7', 3));
      assert.ok(await b.take('198.51.100.7', 3));
      assert.equal(await b.take('198.51.100.7', 3), null);
    } finally {
      await other.close();
      await t.close();
    }
  },
);
