/**
 * Record ids in URLs, forms and JSON bodies. Ids are PostgreSQL `integer` (SQLite INTEGER holds more,
 * but both databases must answer alike): anything outside 1..MAX_ID can name no record, so it is
 * refused at the edge instead of reaching the database (PostgreSQL fails "out of range" → 500).
 */
import Type from 'typebox';
import { AppError } from './errors.ts';

/** The largest PostgreSQL `integer` (2^31 − 1). */
export const MAX_ID = 2_147_483_647;

/** A positive id from a path, query or form value (string of digits or a number); null for anything else. */
export function parseId(v: unknown): number | null {
  const n = typeof v === 'string' ? (/^[0-9]{1,10}$/.test(v.trim()) ? Number(v.trim()) : NaN) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_ID ? n : null;
}

/** TypeBox schema of an id (path params answer 400 on a malformed or out-of-range value unless mapped). */
export const IdParam = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });

/** A positive id or NOT_FOUND: for ids in URLs, where an impossible id names no record (404, never a 500). */
export function idOr404(v: unknown): number {
  const n = parseId(v);
  if (n === null) throw new AppError('NOT_FOUND');
  return n;
}

/**
 * TypeBox schema of an id in a URL path: any positive integer passes the schema so that the handler's
 * `idOr404` answers an out-of-range id with 404 like any other missing record.
 */
export const IdPathParam = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 1, description: `Record id; beyond ${MAX_ID} answers 404`, ...options });
