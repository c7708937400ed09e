/** The explicit dependencies services receive (no global bag). */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import type { Dialect } from './db/connect.ts';
import type { Config } from '../config.ts';
import type { LimitStore } from './http/limits.ts';
import type { StreamSlots } from './http/stream-slots.ts';
import type { Metrics } from './metrics.ts';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface Deps {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  /** Injected clock so rules can be tested at any instant. */
  now: () => Date;
  log: Logger;
  /** Rate-limit counters shared by every route; absent = this process's memory (one instance). */
  limits?: LimitStore;
  /** Event-stream slots per client address shared by instances; absent = per process only. */
  streamSlots?: StreamSlots;
  /** Counters for /metrics (job runs); absent in tests that do not look. */
  metrics?: Metrics;
}

export const nowIso = (deps: Pick<Deps, 'now'>): string => deps.now().toISOString();
