/**
 * Memory that returns (issue 13, decision 054). After a burst of requests V8 keeps the pages its
 * collections freed in its page pool, resident: 50,000 public pages leave the server at ~270 MB
 * with 40 MB of live heap. V8's own memory reducer would give them back, but it judges idleness
 * from the allocation rate sampled at the last collection, and an idle server collects nothing,
 * so it waits forever ("high alloc"). This module plays that part: once the server has been quiet
 * for a few seconds after serving requests, and its RSS has grown by more than a slack since the
 * last time, it runs V8's "last resort" collection (memory-reducing full collections until one
 * frees nothing more: two, about 50–90 ms, on the server), which empties the pool. A commune server answering a request now and then never grows by the slack,
 * so it never pays for a collection it does not need.
 *
 * glibc's malloc, for its part, keeps the free chunks a burst left between live ones (V8's
 * compiler zones and marking worklists, response buffers): ~25 MB after 50,000 pages. Only
 * `malloc_trim(0)` hands those pages back; Node does not expose it, so it is called through
 * koffi (an optional dependency with prebuilt binaries). Elsewhere than Linux/glibc, or without
 * koffi, the collection alone runs.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's collection function, as `--expose-gc` installs it (with options, Node ≥ 18). */
type CollectFn = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let exposed: CollectFn | null = null;

/**
 * A memory-reducing full collection of this process. `--expose-gc` is switched on for contexts
 * made from now on (V8 reads the flag when it sets a context's globals up); the server's own
 * context is left as it is, so no code of ours or of a dependency sees a global `gc`.
 */
function collectAndReduce(): void {
  if (!exposed) {
    setFlagsFromString('--expose-gc');
    exposed = runInNewContext('gc') as CollectFn;
  }
  exposed({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

let trimmer: (() => number) | null | undefined;

/** glibc's malloc_trim(0), if this is Linux with glibc and koffi loads; false when it cannot run. */
export function trimMalloc(): boolean {
  if (trimmer === undefined) trimmer = loadTrimmer();
  if (!trimmer) return false;
  trimmer();
  return true;
}

function loadTrimmer(): (() => number) | null {
  if (process.platform !== 'linux') return null;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as {
      load(path: string): { func(signature: string): (pad: number) => number };
    };
    // glibc's soname; on musl the library or the symbol is missing and this throws.
    const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
    return () => trim(0);
  } catch {
    return null; // koffi absent (optional), no prebuilt binary for this machine, or not glibc
  }
}

/** What one reclaim does: a memory-reducing collection, then malloc's free pages back to the system. */
export function reclaimNow(): void {
  collectAndReduce();
  trimMalloc();
}

export interface IdleReclaimOptions {
  /** A number that changes whenever the server did something (its request count). */
  activity: () => number;
  /** Quiet time after the last activity before collecting, ms. */
  idleMs?: number;
  /** How often activity is looked at, ms. */
  tickMs?: number;
  /** Growth of RSS since the last collection that makes another worth it, bytes. */
  slackBytes?: number;
  /** Under activity that never pauses (a board polling every second): collect anyway this long after the last time, ms. */
  busyMs?: number;
  rss?: () => number;
  collect?: () => void;
  now?: () => number;
  /** Told after each collection (tests, metrics). */
  onCollect?: (r: { before: number; after: number; ms: number }) => void;
}

export interface IdleReclaim {
  /** One look at activity and memory, as the timer does (tests drive it directly). */
  tick(): void;
  /** Collects at the next tick whatever the quiet time, if the slack is passed (before heavy work). */
  soon(): void;
  stop(): void;
}

const RECLAIM_DEFAULTS = {
  idleMs: 5_000,
  tickMs: 1_000,
  slackBytes: 24 * 1024 * 1024,
  busyMs: 120_000,
} as const;

/** Watches activity and collects once per burst, when quiet; `timer: false` leaves ticking to the caller. */
export function startIdleReclaim(o: IdleReclaimOptions, timer = true): IdleReclaim {
  const idleMs = o.idleMs ?? RECLAIM_DEFAULTS.idleMs;
  const slack = o.slackBytes ?? RECLAIM_DEFAULTS.slackBytes;
  const rss = o.rss ?? (() => process.memoryUsage.rss());
  const collect = o.collect ?? reclaimNow;
  const now = o.now ?? (() => performance.now());
  const busyMs = o.busyMs ?? RECLAIM_DEFAULTS.busyMs;
  let seen = o.activity();
  let lastActive = now();
  let lastCollect = lastActive;
  // Start-up (migrations, compiling the app) is the first burst: collected once, when quiet.
  let floor = 0;
  let pending = true; // activity since the last collection
  let urgent = false;
  let stopped = false;
  const tick = () => {
    const a = o.activity();
    if (a !== seen) {
      seen = a;
      lastActive = now();
      pending = true;
    }
    const quiet = now() - lastActive >= idleMs;
    if (!urgent && (!pending || (!quiet && now() - lastCollect < busyMs))) return;
    urgent = false;
    pending = false;
    const before = rss();
    if (before - floor < slack) return;
    const t = now();
    try {
      collect();
    } catch {
      stop(); // housekeeping never takes the server down: without a working collection, no more tries
      return;
    }
    lastCollect = now();
    floor = rss();
    o.onCollect?.({ before, after: floor, ms: lastCollect - t });
  };
  let handle: NodeJS.Timeout | null = timer ? setInterval(tick, o.tickMs ?? RECLAIM_DEFAULTS.tickMs) : null;
  handle?.unref();
  const stop = () => {
    if (handle) clearInterval(handle);
    handle = null;
    stopped = true;
  };
  return {
    tick: () => {
      if (!stopped) tick();
    },
    soon: () => {
      urgent = true;
    },
    stop,
  };
}

let current: IdleReclaim | null = null;

/** The process's reclaimer (the server starts it); `reclaimSoon` asks it to collect before heavy work. */
export function setProcessReclaim(r: IdleReclaim | null): void {
  current = r;
}

/** Before a long export: the server waits on a child anyway, a good moment to give memory back. */
export function reclaimSoon(): void {
  current?.soon();
}
