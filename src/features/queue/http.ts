/** Small request/response helpers shared by the queue's route files (no rules, no I/O). */
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { nfc } from '../../core/text/index.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import { isPriorityReason, type PriorityReason } from './model.ts';
import type { TicketView } from './service.ts';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
export const Obj = Type.Object({}, { additionalProperties: true });
export const SlugParam = Type.String({ minLength: 1, maxLength: 100, description: 'Centre slug, e.g. cam-giang' });
export const SlugCode = Type.Object({ slug: Type.String(), code: Type.String() });
export const KIOSK_LIMIT = { max: 60, timeWindow: '1 minute' };
export const PUBLIC_LIMIT = { max: 300, timeWindow: '1 minute' };

/** An instant as Vietnam time (ISO with +07:00), null kept. */
export const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

/** A ticket as the JSON API gives it (instants in Vietnam time). */
export function ticketJson(t: TicketView) {
  return {
    ...t,
    issuedAt: vn(t.issuedAt),
    firstCalledAt: vn(t.firstCalledAt),
    calledAt: vn(t.calledAt),
    finishedAt: vn(t.finishedAt),
  };
}

/** A form field as NFC text, at most `max` characters (the last of repeated values). */
export function str(v: unknown, max: number): string {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof s === 'string' ? nfc(s).slice(0, max) : '';
}

/** A repeated form field as NFC texts. */
export function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => nfc(x));
}

export const priorityOf = (v: unknown): PriorityReason | null => (isPriorityReason(v) ? v : null);

/** A form posted from another site (the kiosk has no session to protect it) is refused. */
export function sameOrigin(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The site's address for links printed or sent away (the configured public URL, else the request's). */
export const baseUrl = (deps: Deps, req: FastifyRequest) => deps.config.publicUrl ?? `${req.protocol}://${req.host}`;

/** "?lang=en" (or with `sep`) for English pages, "" for Vietnamese. */
export const langSuffix = (req: FastifyRequest, sep = '?') => (req.lang === 'en' ? `${sep}lang=en` : '');
