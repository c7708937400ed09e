/**
 * Keyset ("seek") paging for long lists ordered newest first by (an ISO instant, id), decision 039.
 *
 * A page is found by seeking the index from the last row shown, so page 1000 costs what page 1
 * costs; OFFSET would read and throw away every row before it. The cursor is opaque to clients
 * (base64url of `n|instant|id` for "the rows after this one", `p|instant|id` for "the rows before
 * it") and checked on the way in: a cursor that does not decode is a 400 from the catalogue, never
 * a database error.
 */
import { invalid } from '../http/errors.ts';

/** The sort key of one row: its instant (ISO-8601 text as stored) and its id (the tie-breaker). */
export interface SeekKey {
  at: string;
  id: number;
}

/** Where a page starts: after (older than) or before (newer than) a row already shown. */
export type Seek = { after: SeekKey } | { before: SeekKey };

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_ID = 2 ** 31 - 1;

export function encodeCursor(dir: 'after' | 'before', key: SeekKey): string {
  return Buffer.from(`${dir === 'after' ? 'n' : 'p'}|${key.at}|${String(key.id)}`, 'utf8').toString('base64url');
}

const badCursor = () =>
  invalid(
    'cursor',
    'Liên kết chuyển trang không hợp lệ hoặc đã bị sửa; hãy mở lại trang đầu của danh sách.',
    'The paging link is not valid or was altered; open the first page of the list again.',
  );

/** The seek a cursor asks for; a cursor that does not decode is VALIDATION_FAILED (400). */
export function decodeCursor(cursor: string): Seek {
  if (cursor.length > 120 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3) throw badCursor();
  const [dir, at, idText] = parts as [string, string, string];
  const id = Number(idText);
  if ((dir !== 'n' && dir !== 'p') || !ISO.test(at) || !/^[1-9]\d{0,9}$/.test(idText) || id > MAX_ID) throw badCursor();
  return dir === 'n' ? { after: { at, id } } : { before: { at, id } };
}

export interface KeysetPage<T> {
  items: T[];
  /** Cursor of the page after (older rows), null on the last page. */
  next: string | null;
  /** Cursor of the page before (newer rows), null on the first page. */
  prev: string | null;
}

/**
 * One page of `limit` rows newest first. `fetch` reads at most `limit + 1` rows: newest first from
 * the seek's `after` key (or from the top without a seek), oldest first from its `before` key.
 * Going back past the top serves the first page, full, rather than a short page.
 */
export async function keysetPage<T>(
  limit: number,
  seek: Seek | null,
  keyOf: (row: T) => SeekKey,
  fetch: (seek: Seek | null, limit: number) => Promise<T[]>,
): Promise<KeysetPage<T>> {
  if (seek && 'before' in seek) {
    const rows = await fetch(seek, limit + 1);
    if (rows.length > limit) {
      const items = rows.slice(0, limit).reverse();
      const [first, last] = [items.at(0), items.at(-1)];
      return {
        items,
        prev: first === undefined ? null : encodeCursor('before', keyOf(first)),
        next: last === undefined ? null : encodeCursor('after', keyOf(last)),
      };
    }
    seek = null;
  }
  const rows = await fetch(seek, limit + 1);
  const items = rows.slice(0, limit);
  const [first, last] = [items.at(0), items.at(-1)];
  return {
    items,
    next: rows.length > limit && last !== undefined ? encodeCursor('after', keyOf(last)) : null,
    prev: seek && first !== undefined ? encodeCursor('before', keyOf(first)) : null,
  };
}
