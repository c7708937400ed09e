/**
 * Printable documents of a centre (posting boards, QR sheet, fee table, directory, posters),
 * rendered on demand from the published catalogue and cached per catalogue version and day.
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
import { offload, taskPoolOf } from '../tasks.ts';
import { boardsToPrerender, effectivePaper, prerenderBase } from './model.ts';

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
 * there: a posting board is rendered once per catalogue publication and day, in the task pool,
 * and the server only reads a file. The index of what this process wrote is in memory, so a file
 * left by an earlier run is never served (it is overwritten); an in-memory database keeps the
 * files in memory instead (another process could not render from it anyway).
 */
const index = new Map<string, string | Buffer>();
const CACHE_MAX = 64;

/** What a request for a printable names: checked options, its file name and its cache key. */
export async function printablePlan(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
): Promise<{ filename: string; key: string | null }> {
  if (DECLARATIONS.has(kind)) return { filename: `${kind}.pdf`, key: null };
  if (!(PRINTABLES as readonly string[]).includes(kind)) throw new AppError('NOT_FOUND');
  const cat = await catalogOf(deps, center);
  const today = toLocal(deps.now()).date;
  const field = opts.field ? cat.fields.find((f) => f.slug === opts.field) : undefined;
  if (opts.field && !field)
    throw invalid('linh-vuc', 'Không có lĩnh vực này trong danh mục.', 'No such field in the catalogue.');
  const size = (opts.size ?? '').toUpperCase();
  // Paper sizes are a closed list per document (they also name the file and key the cache).
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
  const filename = `${center.slug}-${kind}${field ? `-${field.slug}` : ''}${size ? `-${size.toLowerCase()}` : ''}.pdf`;
  // Contacts and commitment texts change without a catalogue publication: never cached.
  const cacheable = kind !== 'danh-ba' && kind !== 'khau-hieu';
  const key = JSON.stringify([
    deps.config.databaseUrl,
    center.id,
    cat.stamp,
    // the centre's own settings printed on the boards (name, address, hours…)
    center.updated_at,
    today,
    kind,
    field?.slug ?? '',
    // the paper as printed: a request naming the default paper gets the same file as one naming none
    effectivePaper(kind, size),
    opts.poster ?? '',
    baseUrl,
  ]);
  return { filename, key: cacheable ? key : null };
}

/**
 * A printable as a PDF: from the file rendered earlier for the same catalogue, day and options,
 * else rendered in the task pool (`render`, which runs `renderPrintableNow` there) and kept.
 */
export async function renderPrintable(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
  render: () => Promise<Uint8Array>,
): Promise<{ pdf: Buffer; filename: string }> {
  const { filename, key } = await printablePlan(deps, center, kind, opts, baseUrl);
  const hit = key ? index.get(key) : undefined;
  if (hit !== undefined) {
    try {
      return { pdf: typeof hit === 'string' ? await readFile(hit) : hit, filename };
    } catch {
      if (key) index.delete(key);
    }
  }
  const pdf = Buffer.from(await render());
  if (key) {
    if (index.size >= CACHE_MAX) {
      const [oldKey, old] = index.entries().next().value ?? [];
      if (oldKey !== undefined) index.delete(oldKey);
      if (typeof old === 'string') await rm(old, { force: true });
    }
    if (deps.config.databaseUrl === 'sqlite::memory:') index.set(key, pdf);
    else {
      const dir = join(deps.config.dataDir, 'printables');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.pdf`);
      // Written under another name, then renamed: a reader never sees half a file.
      const tmp = `${path}.${String(process.pid)}.tmp`;
      await writeFile(tmp, pdf);
      await rename(tmp, path);
      index.set(key, path);
    }
  }
  return { pdf, filename };
}

/** Renders a printable now (the task pool runs this; options already checked by `printablePlan`). */
export async function renderPrintableNow(
  deps: Deps,
  centerId: number,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
): Promise<Buffer> {
  const center = await getCenterById(deps, centerId);
  // Blank declaration forms (tờ khai) the catalogue links to: no options.
  if (DECLARATIONS.has(kind))
    return (await import('./declarations.ts')).declarationPdf({ center: presentCenter(center), form: kind });
  const cat = await catalogOf(deps, center);
  const today = toLocal(deps.now()).date;
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
  const { key } = await printablePlan(deps, center, kind, opts, baseUrl);
  return key === null ? null : (index.get(key) ?? null);
}

/** Centres waiting for their boards to be rendered ahead, and the one-at-a-time chain that renders them. */
const waiting = new Set<string>();
let chain: Promise<void> = Promise.resolve();

/**
 * After a catalogue publication (catalog/hooks.ts): the centre's posting boards are rendered in
 * the task pool and kept, one board at a time and one centre after another (a province pushing
 * its catalogue to every commune never crowds the pool out: citizens' requests keep their places),
 * so the first citizen or officer who asks gets a file. Without a pool (in-memory database, the
 * CLI) nothing is rendered ahead: the first request renders as before. A board that fails is
 * logged and left to its first request; the publication is never affected.
 */
export function prerenderBoards(deps: Deps, center: Center, origin: string | null): Promise<void> {
  const baseUrl = prerenderBase(deps.config.publicUrl, origin);
  if (baseUrl === null || !taskPoolOf(deps)) return Promise.resolve();
  const id = `${deps.config.databaseUrl}#${String(center.id)}`;
  // Already waiting: that run reads the catalogue when it starts, so it renders this publication too.
  if (waiting.has(id)) return chain;
  waiting.add(id);
  const job = chain.then(async () => {
    waiting.delete(id);
    const current = await getCenterById(deps, center.id);
    for (const opts of boardsToPrerender((await catalogOf(deps, current)).fields)) {
      await renderPrintable(deps, current, 'bang-niem-yet', opts, baseUrl, () =>
        offload(deps, `boards:${String(center.id)}`, 'printable', center.id, 'bang-niem-yet', opts, baseUrl),
      ).catch((err: unknown) => {
        deps.log.warn({ err, center: center.slug, board: opts }, 'posting board not rendered ahead');
      });
    }
  });
  chain = job.catch(() => undefined);
  return job;
}
