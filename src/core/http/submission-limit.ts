/**
 * Limits on the public forms that count ACCEPTED submissions only (issue 12, decision 026): a
 * person who makes mistakes and is shown the form again with errors is never locked out; five
 * feedbacks or home-service requests from one address in ten minutes still are the most anyone
 * may file. A looser per-request limit (@fastify/rate-limit) stays in front of the route against
 * floods. Kept in this process's memory like @fastify/rate-limit's default store.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export interface SubmissionLimit {
  /** Throws RATE_LIMITED when this address already made `max` accepted submissions in the window. */
  assertRoom(req: FastifyRequest): void;
  /** Counts one accepted submission. */
  record(req: FastifyRequest): void;
  /** The same two on a plain key (tests, other callers). */
  assertRoomFor(key: string): void;
  recordFor(key: string): void;
}

/** At most this many addresses are remembered; the oldest are forgotten first. */
const MAX_KEYS = 50_000;

export function acceptedSubmissionLimit(
  name: string,
  opts: { max: number; windowMs: number },
  now: () => number = Date.now,
): SubmissionLimit {
  const hits = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - opts.windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  const keyOf = (req: FastifyRequest) => `${name}|${req.ip}`;
  const assertRoomFor = (key: string) => {
    if (recent(key).length >= opts.max) throw new AppError('RATE_LIMITED');
  };
  const recordFor = (key: string) => {
    const list = recent(key);
    list.push(now());
    hits.delete(key);
    hits.set(key, list);
    if (hits.size > MAX_KEYS) {
      const oldest = hits.keys().next();
      if (!oldest.done) hits.delete(oldest.value);
    }
  };
  return {
    assertRoomFor,
    recordFor,
    assertRoom: (req) => {
      assertRoomFor(keyOf(req));
    },
    record: (req) => {
      recordFor(keyOf(req));
    },
  };
}

/** Five accepted submissions per address in ten minutes (the public forms' rule). */
export const PUBLIC_FORM_ACCEPTED = { max: 5, windowMs: 10 * 60_000 } as const;
/** Requests of any outcome per address in ten minutes, against floods (rejected attempts included). */
export const PUBLIC_FORM_FLOOD = { max: 40, timeWindow: '10 minutes' } as const;
