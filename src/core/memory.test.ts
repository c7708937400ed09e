import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reclaimNow, startIdleReclaim, trimMalloc } from './memory.ts';

const MB = 1024 * 1024;

/** A reclaimer on a hand-driven clock, request counter and RSS. */
function rig(o: { idleMs?: number; busyMs?: number; slackBytes?: number } = {}) {
  const s = { t: 0, requests: 0, rss: 130 * MB, collected: 0 };
  const r = startIdleReclaim(
    {
      activity: () => s.requests,
      now: () => s.t,
      rss: () => s.rss,
      collect: () => {
        s.collected++;
        s.rss = 120 * MB;
      },
      idleMs: o.idleMs ?? 5000,
      busyMs: o.busyMs ?? 120_000,
      slackBytes: o.slackBytes ?? 24 * MB,
    },
    false,
  );
  /** Advance the clock by `ms` in one-second ticks, `perTick` requests each. */
  const run = (ms: number, perTick = 0) => {
    for (let i = 0; i < ms / 1000; i++) {
      s.t += 1000;
      s.requests += perTick;
      r.tick();
    }
  };
  return { s, r, run };
}

test('start-up is collected once the server is quiet, then nothing while it stays idle', () => {
  const { s, run } = rig();
  run(4000);
  assert.equal(s.collected, 0, 'not before five quiet seconds');
  run(1000);
  assert.equal(s.collected, 1);
  run(60_000);
  assert.equal(s.collected, 1, 'an idle server is not collected again');
});

test('a burst that grew the process is collected once, after it ends', () => {
  const { s, run } = rig();
  run(5000);
  assert.equal(s.collected, 1);
  s.rss = 270 * MB;
  run(10_000, 5000); // ten seconds of load
  assert.equal(s.collected, 1, 'never during the burst');
  run(4000);
  assert.equal(s.collected, 1);
  run(1000);
  assert.equal(s.collected, 2, 'five quiet seconds after the last request');
  assert.equal(s.rss, 120 * MB);
  run(30_000);
  assert.equal(s.collected, 2);
});

test('a request now and then that does not grow the process costs no collection', () => {
  const { s, run } = rig();
  run(5000);
  for (let i = 0; i < 20; i++) {
    s.rss += 1 * MB;
    run(8000, 0);
    s.requests++;
  }
  run(10_000);
  assert.equal(s.collected, 1, 'twenty scattered requests, 20 MB: under the slack');
});

test('activity that never pauses is collected after the busy limit, not before', () => {
  const { s, run } = rig({ busyMs: 60_000 });
  run(5000);
  s.rss = 200 * MB;
  run(59_000, 1);
  assert.equal(s.collected, 1);
  run(2000, 1);
  assert.equal(s.collected, 2);
});

test('soon() collects at the next tick, busy or not, when the slack is passed', () => {
  const { s, r, run } = rig();
  run(5000);
  s.rss = 200 * MB;
  run(2000, 10);
  r.soon();
  run(1000, 10);
  assert.equal(s.collected, 2);
  r.soon();
  run(1000, 10);
  assert.equal(s.collected, 2, 'nothing to give back: no collection');
});

test('a collection that fails stops the watch instead of throwing from its timer', () => {
  let calls = 0;
  const r = startIdleReclaim(
    {
      activity: () => 0,
      now: () => (calls + 1) * 10_000,
      rss: () => 500 * MB,
      collect: () => {
        calls++;
        throw new Error('no gc here');
      },
    },
    false,
  );
  r.soon();
  assert.doesNotThrow(() => {
    r.tick();
  });
  assert.equal(calls, 1);
  r.soon();
  r.tick();
  assert.equal(calls, 1, 'tried once, then stopped');
});

test('reclaimNow gives the pages back to the system, which a plain collection does not', () => {
  // A plain full collection leaves the freed pages in V8's pool, resident (290 → 256 MB here);
  // the memory-reducing one empties the pool (253 → 70 MB).
  let garbage: { i: number; s: string }[] | null = [];
  for (let i = 0; i < 1_500_000; i++) garbage.push({ i, s: `row ${i}` });
  const grown = process.memoryUsage.rss();
  garbage = null;
  reclaimNow();
  const after = process.memoryUsage.rss();
  assert.ok(grown > 200 * MB, `the garbage took the process to ${Math.round(grown / MB)} MB`);
  assert.ok(after < grown / 2, `RSS ${Math.round(grown / MB)} → ${Math.round(after / MB)} MB`);
  assert.equal(garbage, null);
});

test('malloc_trim runs on Linux with glibc (koffi is installed with the product)', (t) => {
  if (process.platform !== 'linux') {
    t.skip('not Linux');
    return;
  }
  assert.equal(trimMalloc(), true);
});
