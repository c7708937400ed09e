/**
 * Rate-limit counters behind one small interface, so the store can change without touching a
 * route: in this process's memory today (one instance, SQLite), in PostgreSQL or Redis when several
 * instances share a database (docs/decisions/033). Fixed windows: a key counts hits until its
 * window ends, then starts again.
 *
 * Two users: `@fastify/rate-limit` (every `config.rateLimit` of a route) through `rateLimitStore()`,
 * and the console login, which needs several counters per request (see core/auth/login-limits.ts).
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

export interface LimitCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

export interface LimitStore {
  /** Counts one hit on `key` and returns the window's count. */
  hit(key: string, windowMs: number): Promise<LimitCount>;
  /** The current count without counting (0 when the window ended or never started). */
  peek(key: string): Promise<LimitCount>;
  /** Forgets `key` (a successful login clears its failures). */
  reset(key: string): Promise<void>;
}

/** Counters in this process's memory; expired windows are swept as the map grows. */
export class MemoryLimitStore implements LimitStore {
  private readonly windows = new Map<string, LimitCount>();
  private nextSweep = 0;

  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  hit(key: string, windowMs: number): Promise<LimitCount> {
    const now = this.clock();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return Promise.resolve({ ...w });
  }

  peek(key: string): Promise<LimitCount> {
    const now = this.clock();
    const w = this.windows.get(key);
    return Promise.resolve(w && w.resetAt > now ? { ...w } : { count: 0, resetAt: now });
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    if (now < this.nextSweep && this.windows.size < 50_000) return;
    this.nextSweep = now + 60_000;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The store class `@fastify/rate-limit` expects, counting in `store`. Keys are prefixed with the
 * route so two routes limited by IP keep separate counts (as the plugin's own store does).
 */
export function rateLimitStore(store: LimitStore): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(_options?: unknown, prefix = 'global|') {
      this.prefix = prefix;
    }
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      store.hit(`rl|${this.prefix}${key}`, timeWindow).then(
        (r) => {
          callback(null, { current: r.count, ttl: Math.max(0, r.resetAt - Date.now()) });
        },
        (e: unknown) => {
          callback(e instanceof Error ? e : new Error(String(e)));
        },
      );
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes the route's merged limit options, the route itself under `routeInfo`.
      const r = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new SharedRateLimitStore(undefined, `${String(r?.method ?? '')} ${r?.url ?? ''}|`);
    }
  };
}
