/**
 * Rules of the DVCQG sync outbox (pure): message states, the wait before the next attempt, which
 * portal answers are worth retrying, and the idempotency key the portal de-duplicates by.
 */
import { jsonCodec } from '../../core/db/json.ts';
import type { HoSo } from '../dossiers/index.ts';

export const SYNC_STATUSES = ['queued', 'sending', 'acked', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type SyncKind = 'create' | 'update';

/** A message claimed for sending is leased this long; a worker that died leaves it due again after. */
export const SYNC_LEASE_MS = 120_000;
/**
 * When to try again after the `attempts`-th failure: base × 2^(attempts−1), capped at `maxMs`
 * (DVCQG_RETRY_MAX_MS, one hour by default), with up to 20 % random jitter (`rand` in [0, 1)) so
 * that many dossiers failing together spread out.
 */
export function nextRetryAt(now: Date, attempts: number, baseMs: number, maxMs: number, rand: number): Date {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
  return new Date(now.getTime() + Math.round(exp * (1 + 0.2 * rand)));
}

/** The key the portal de-duplicates by: the same message sent twice (a lost answer) is taken once. */
export const idempotencyKey = (dossierCode: string, seq: number): string => `${dossierCode}:${seq}`;

/** What the portal answered, classified. */
export interface PortalOutcome {
  ok: boolean;
  /** Retry later (busy, timeout, 5xx, network) rather than wait for a person to re-send. */
  retry: boolean;
  error: string | null;
  ref: string | null;
}

/**
 * Reads a portal answer `{ error_code, message }` (BRIEF §11.1): error_code 0 is success; HTTP 5xx,
 * 408, 429, 401/403 (credentials being rotated) and a non-zero error_code with HTTP 200 are retried;
 * other 4xx (the message itself is wrong) wait for a re-send from the console.
 */
export function classifyAnswer(httpStatus: number, body: unknown): PortalOutcome {
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = o.error_code === undefined ? null : Number(o.error_code);
  const message = typeof o.message === 'string' ? o.message.slice(0, 500) : '';
  const ref = typeof o.MaGiaoDich === 'string' ? o.MaGiaoDich.slice(0, 100) : null;
  if (httpStatus >= 200 && httpStatus < 300 && code === 0) return { ok: true, retry: false, error: null, ref };
  const text = `HTTP ${httpStatus}${code !== null && !Number.isNaN(code) ? `, error_code ${code}` : ''}${message ? `: ${message}` : ''}`;
  const retry =
    httpStatus >= 500 ||
    httpStatus === 408 ||
    httpStatus === 429 ||
    httpStatus === 401 ||
    httpStatus === 403 ||
    (httpStatus >= 200 && httpStatus < 300);
  return { ok: false, retry, error: text, ref: null };
}

/**
 * sync_message.payload: the HoSo record as the portal receives it (written by this feature from the
 * desk's own mapping). Checked on read for what sending needs: a JSON object (the portal judges
 * its fields, and refuses a record it cannot take: that refusal is the outbox's to record).
 */
export const payloadJson = jsonCodec('sync_message.payload', (v: unknown): HoSo => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
  return v as HoSo;
});

/** The flashes the sync page knows (?ok=…): anything else shows none. */
export function okFlash(ok: unknown): 'resent' | 'resynced' | null {
  return ok === 'resent' || ok === 'resynced' ? ok : null;
}
