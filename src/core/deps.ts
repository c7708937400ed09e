/** The explicit dependencies services receive (no global bag). */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import type { Dialect } from './db/connect.ts';
import type { Config } from '../config.ts';

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
}

export const nowIso = (deps: Pick<Deps, 'now'>): string => deps.now().toISOString();
