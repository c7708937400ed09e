/**
 * Printable documents of a centre (posting boards, QR sheet, fee table, directory, posters),
 * rendered from the published catalogue and the centre's settings, and kept per inputs (ahead.ts
 * renders them again in the background when those change).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DECLARATIONS } from './declaration-specs.ts';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { presentCenter } from '../centers/index.ts';
import { getCenterById } from '../centers/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { publicContacts } from '../directory/index.ts';
import { textsOf } from '../commitments/index.ts';
import { boardIdentity, DATED_KINDS } from './model.ts';

export const PRINTABLES = ['bang-niem-yet', 'ma-qr', 'bang-phi', 'danh-ba', 'khau-hieu'] as const;
export type PrintableKind = (typeof PRINTABLES)[number];
export const POSTER_KINDS = { 'cam-ket': 'commitments', '4-tai-cho': 'four-on-spot', 'noi-quy': 'rules' } as const;

export interface PrintOptions {
  field?: string;
  size?: string;
  poster?: string;
}

/**
 * Rendered boards, kept as files under the data folder (`<dataDir>/printables/`) and served from
 * there: a posting board is rendered once per catalogue publication, settings and day, in the task
 * pool, and the server only reads a file. One entry per board (`slot`: database, centre, kind,
 * options, base address) holding the key of the inputs it was rendered from, so a newer rendering
 * replaces the stale one and its file. The index of what this process wrote is in memory, so a
 * file left by an earlier run is never served (it is overwritten); an in-memory database keeps
 * the files in memory instead (another process could not render from it anyway).
 */
interface Kept {
  /** The database the board was rendered from (one process may hold several: tests, tools). */
  db: string;
  key: string;
  file: string | Buffer;
  board: KeptBoard;
}
/** A board kept for a centre, as it was asked for (rendered again ahead when its inputs change). */
export interface KeptBoard {
  centerId: number;
  kind: string;
  opts: PrintOptions;
  baseUrl: string;
}
const index = new Map<string, Kept>();
const CACHE_MAX = 64;

/** The kinds kept as files: contacts and commitment texts change without any stamp, never kept. */
const KEPT_KINDS: ReadonlySet<string> = new Set(['bang-niem-yet', 'ma-qr', 'bang-phi']);

/** What a request for a printable names: checked options, its file name, its board's slot, its cache key and date. */
export async function printablePlan(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
): Promise<{ filename: string; slot: string | null; key: string | null; date: string }> {
  const today = toLocal(deps.now()).date;
  if (DECLARATIONS.has(kind)) return { filename: `${kind}.pdf`, slot: null, key: null, date: today };
  if (!(PRINTABLES as readonly string[]).includes(kind)) throw new AppError('NOT_FOUND');
  const cat = await catalogOf(deps, center);
  const field = opts.field ? cat.fields.find((f) => f.slug === opts.field) : undefined;
  if (opts.field && !field)
    throw invalid('linh-vuc', 'Không có lĩnh vực này trong danh mục.', 'No such field in the catalogue.');
  const size = checkedPaper(kind, opts);
  const filename = `${center.slug}-${kind}${field ? `-${field.slug}` : ''}${size ? `-${size.toLowerCase()}` : ''}.pdf`;
  if (!KEPT_KINDS.has(kind)) return { filename, slot: null, key: null, date: today };
  const slot = JSON.stringify([deps.config.databaseUrl, center.id, boardIdentity(kind, opts, baseUrl)]);
  // Exactly what the board prints besides the options: the published catalogue, the centre as
  // printed (name, address, phones, hours, same-day days…) and, for a dated board, the day.
  const key = JSON.stringify([slot, cat.stamp, presentCenter(center), DATED_KINDS.has(kind) ? today : '']);
  return { filename, slot, key, date: today };
}

/** The paper size asked for, checked against the document's closed list (it also names the file and keys the cache). */
function checkedPaper(kind: string, opts: PrintOptions): string {
  const size = (opts.size ?? '').toUpperCase();
  const SIZES: Record<string, readonly string[]> = { 'bang-niem-yet': ['A4', 'A3'], 'khau-hieu': ['A3', 'A2'] };
  if (size && !(SIZES[kind] ?? []).includes(size))
    throw invalid(
      'kho',
      `Khổ giấy không hợp lệ cho tài liệu này${SIZES[kind] ? `: ${SIZES[kind].join(', ')}` : ''}.`,
      `Invalid paper size for this document${SIZES[kind] ? `: ${SIZES[kind].join(', ')}` : ''}.`,
    );
  if (opts.poster !== undefined && !Object.hasOwn(POSTER_KINDS, opts.poster))
    throw invalid(
      'loai',
      'Loại áp phích: cam-ket, 4-tai-cho hoặc noi-quy.',
      'Poster kind: cam-ket, 4-tai-cho or noi-quy.',
    );
  return size;
}

/**
 * A printable as a PDF: from the file rendered earlier from the same inputs, else rendered in the
 * task pool (`render`, which runs `renderPrintableNow` there for the day it is given) and kept.
 */
export async function renderPrintable(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
  render: (date: string) => Promise<Uint8Array>,
): Promise<{ pdf: Buffer; filename: string }> {
  const { filename, slot, key, date } = await printablePlan(deps, center, kind, opts, baseUrl);
  const hit = slot ? index.get(slot) : undefined;
  if (slot && hit?.key === key) {
    try {
      return { pdf: typeof hit.file === 'string' ? await readFile(hit.file) : hit.file, filename };
    } catch {
      index.delete(slot);
    }
  }
  const pdf = Buffer.from(await render(date));
  if (slot && key) {
    const board = { centerId: center.id, kind, opts, baseUrl };
    await keep(deps, slot, { db: deps.config.databaseUrl, key, file: pdf, board });
  }
  return { pdf, filename };
}

/** Keeps a rendering in its board's slot: the stale one it replaces (and the oldest board past the limit) is removed. */
async function keep(deps: Deps, slot: string, kept: Kept): Promise<void> {
  const stale = index.get(slot);
  index.delete(slot);
  if (typeof stale?.file === 'string') await rm(stale.file, { force: true });
  if (index.size >= CACHE_MAX) {
    const [oldSlot, old] = index.entries().next().value ?? [];
    if (oldSlot !== undefined) index.delete(oldSlot);
    if (typeof old?.file === 'string') await rm(old.file, { force: true });
  }
  if (deps.config.databaseUrl === 'sqlite::memory:') {
    index.set(slot, kept);
    return;
  }
  const dir = join(deps.config.dataDir, 'printables');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${createHash('sha256').update(kept.key).digest('hex').slice(0, 32)}.pdf`);
  // Written under another name, then renamed: a reader never sees half a file.
  const tmp = `${path}.${String(process.pid)}.tmp`;
  await writeFile(tmp, kept.file);
  await rename(tmp, path);
  index.set(slot, { ...kept, file: path });
}

/** The boards this process keeps for a centre (whatever their inputs were), in the order they were kept. */
export function keptBoardsOf(deps: Deps, centerId: number): KeptBoard[] {
  const db = deps.config.databaseUrl;
  return [...index.values()].filter((k) => k.db === db && k.board.centerId === centerId).map((k) => k.board);
}

/** The centres (ids) of this database that keep at least one board of a kind that prints the date. */
export function centresKeepingDatedBoards(deps: Deps): number[] {
  const db = deps.config.databaseUrl;
  const ids = new Set<number>();
  for (const k of index.values()) if (k.db === db && DATED_KINDS.has(k.board.kind)) ids.add(k.board.centerId);
  return [...ids];
}

/** Renders a printable now (the task pool runs this; options already checked by `printablePlan`). */
export async function renderPrintableNow(
  deps: Deps,
  centerId: number,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
  date?: string,
): Promise<Buffer> {
  const center = await getCenterById(deps, centerId);
  // Blank declaration forms (tờ khai) the catalogue links to: no options.
  if (DECLARATIONS.has(kind))
    return (await import('./declarations.ts')).declarationPdf({ center: presentCenter(center), form: kind });
  const cat = await catalogOf(deps, center);
  // The day the server keyed the file with (a child's clock could already be on the next day).
  const today = date ?? toLocal(deps.now()).date;
  const pub = presentCenter(center);
  const field = opts.field ? cat.fields.find((f) => f.slug === opts.field) : undefined;
  const size = (opts.size ?? '').toUpperCase();
  const { feeTable, postingBoard, poster, qrSheet, staffDirectory } = await import('./printables.ts');
  switch (kind as PrintableKind) {
    case 'bang-niem-yet':
      return postingBoard({
        center: pub,
        procedures: cat.procedures,
        field: field?.name,
        size: (size || 'A4') as 'A4' | 'A3',
        baseUrl,
        date: today,
      });
    case 'ma-qr':
      return qrSheet({ center: pub, procedures: field ? field.procedures : cat.procedures, baseUrl, size: 'A4' });
    case 'bang-phi':
      return feeTable({ center: pub, procedures: cat.procedures, date: today });
    case 'danh-ba':
      return staffDirectory({ center: pub, contacts: await publicContacts(deps, center.id), date: today });
    case 'khau-hieu': {
      const kindKey = (opts.poster ?? 'cam-ket') as keyof typeof POSTER_KINDS;
      return poster({
        center: pub,
        texts: await textsOf(deps, center.id),
        kind: POSTER_KINDS[kindKey],
        size: (size || 'A3') as 'A3' | 'A2',
      });
    }
  }
}

/** The file (or, for an in-memory database, the bytes) kept for a printable, if one is (tests, diagnostics). */
export async function keptPrintable(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
): Promise<string | Buffer | null> {
  const { slot, key } = await printablePlan(deps, center, kind, opts, baseUrl);
  const kept = slot === null ? undefined : index.get(slot);
  return kept?.key === key ? kept.file : null;
}
