/**
 * Printable documents of a centre (posting boards, QR sheet, fee table, directory, posters),
 * rendered on demand from the published catalogue and cached per catalogue version and day.
 */
import { DECLARATIONS, declarationPdf } from './declarations.ts';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { presentCenter } from '../centers/model.ts';
import { catalogOf } from '../catalog/service.ts';
import { publicContacts } from '../directory/service.ts';
import { textsOf } from '../commitments/service.ts';

export const PRINTABLES = ['bang-niem-yet', 'ma-qr', 'bang-phi', 'danh-ba', 'khau-hieu'] as const;
export type PrintableKind = (typeof PRINTABLES)[number];
export const POSTER_KINDS = { 'cam-ket': 'commitments', '4-tai-cho': 'four-on-spot', 'noi-quy': 'rules' } as const;

export interface PrintOptions {
  field?: string;
  size?: string;
  poster?: string;
}

const cache = new Map<string, Buffer>();
const CACHE_MAX = 64;

export async function renderPrintable(
  deps: Deps,
  center: Center,
  kind: string,
  opts: PrintOptions,
  baseUrl: string,
): Promise<{ pdf: Buffer; filename: string }> {
  // Blank declaration forms (tờ khai) the catalogue links to: no options, nothing cached.
  if (DECLARATIONS.has(kind))
    return { pdf: await declarationPdf({ center: presentCenter(center), form: kind }), filename: `${kind}.pdf` };
  if (!(PRINTABLES as readonly string[]).includes(kind)) throw new AppError('NOT_FOUND');
  const cat = await catalogOf(deps, center);
  const today = toLocal(deps.now()).date;
  const pub = presentCenter(center);
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
  const key = JSON.stringify([
    deps.config.databaseUrl,
    center.id,
    cat.stamp,
    today,
    kind,
    field?.slug ?? '',
    size,
    opts.poster ?? '',
    baseUrl,
  ]);
  // Contacts and commitment texts change without a catalogue publication: never cached.
  const cacheable = kind !== 'danh-ba' && kind !== 'khau-hieu';
  const hit = cacheable ? cache.get(key) : undefined;
  const filename = `${center.slug}-${kind}${field ? `-${field.slug}` : ''}${size ? `-${size.toLowerCase()}` : ''}.pdf`;
  if (hit) return { pdf: hit, filename };
  // Loaded on first use: the PDF kit (pdfkit, fontkit) stays out of an idle server's memory.
  const { feeTable, postingBoard, poster, qrSheet, staffDirectory } = await import('./printables.ts');
  let pdf: Buffer;
  switch (kind as PrintableKind) {
    case 'bang-niem-yet': {
      if (size && size !== 'A4' && size !== 'A3') throw invalid('kho', 'Khổ giấy A4 hoặc A3.', 'Paper size A4 or A3.');
      pdf = await postingBoard({
        center: pub,
        procedures: cat.procedures,
        field: field?.name,
        size: (size || 'A4') as 'A4' | 'A3',
        baseUrl,
        date: today,
      });
      break;
    }
    case 'ma-qr':
      pdf = await qrSheet({ center: pub, procedures: field ? field.procedures : cat.procedures, baseUrl, size: 'A4' });
      break;
    case 'bang-phi':
      pdf = await feeTable({ center: pub, procedures: cat.procedures, date: today });
      break;
    case 'danh-ba':
      pdf = await staffDirectory({ center: pub, contacts: await publicContacts(deps, center.id), date: today });
      break;
    case 'khau-hieu': {
      const kindKey = (opts.poster ?? 'cam-ket') as keyof typeof POSTER_KINDS;
      if (!(kindKey in POSTER_KINDS))
        throw invalid(
          'loai',
          'Loại áp phích: cam-ket, 4-tai-cho hoặc noi-quy.',
          'Poster kind: cam-ket, 4-tai-cho or noi-quy.',
        );
      if (size && size !== 'A3' && size !== 'A2') throw invalid('kho', 'Khổ giấy A3 hoặc A2.', 'Paper size A3 or A2.');
      pdf = await poster({
        center: pub,
        texts: await textsOf(deps, center.id),
        kind: POSTER_KINDS[kindKey],
        size: (size || 'A3') as 'A3' | 'A2',
      });
      break;
    }
  }
  if (cacheable) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, pdf);
  }
  return { pdf, filename };
}
