/**
 * The facility checklist (plan III.2.3) with a status, a note and a photo per item, and the
 * facility spending lines (plan V.2.6) with amount and source. Action `facilities.manage`.
 * Items never recorded show as "missing" (the checklist always lists all twelve).
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { isLocalDate } from '../../core/calendar/index.ts';
import { formatVnd } from '../../core/text/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { idOr404 } from '../../core/http/ids.ts';
import { readStored, storeUpload, type ContentType } from '../plan/index.ts';
import { text } from '../plan/index.ts';
import * as m from './model.ts';
import * as repo from './repo.ts';

export interface ItemView {
  code: m.FacilityCode;
  label: string;
  labelEn: string;
  status: m.FacilityStatus;
  note: string;
  photo: { name: string; contentType: ContentType; bytes: number; href: string } | null;
  updatedAt: string | null;
}

export interface SpendingView {
  id: number;
  date: string;
  item: string;
  amount: number;
  amountText: string;
  source: string;
  note: string;
}

function itemsOf(slug: string, rows: repo.ItemRow[]): ItemView[] {
  return m.FACILITY_ITEMS.map((i) => {
    const r = rows.find((x) => x.code === i.code);
    return {
      code: i.code,
      label: i.vi,
      labelEn: i.en,
      status: (r?.status as m.FacilityStatus | undefined) ?? 'missing',
      note: r?.note ?? '',
      photo:
        r?.photo_key && r.photo_name && r.photo_type
          ? {
              name: r.photo_name,
              contentType: r.photo_type as ContentType,
              bytes: r.photo_bytes ?? 0,
              href: `/api/v1/centers/${slug}/facilities/items/${i.code}/photo`,
            }
          : null,
      updatedAt: r?.updated_at ?? null,
    };
  });
}

function spendingOf(r: repo.SpendingRow): SpendingView {
  const amount = Number(r.amount);
  return {
    id: r.id,
    date: r.spent_on,
    item: r.item,
    amount,
    amountText: formatVnd(amount),
    source: r.source,
    note: r.note,
  };
}

export async function overview(deps: Deps, actor: Actor | null, slug: string, range?: { from?: string; to?: string }) {
  const { center } = await authorizeCenter(deps, actor, slug, 'facilities.manage');
  const items = itemsOf(slug, await repo.listItems(deps.db, center.id));
  const spending = (await repo.listSpending(deps.db, center.id, range?.from, range?.to)).map(spendingOf);
  const total = spending.reduce((s, x) => s + x.amount, 0);
  return {
    items,
    spending,
    total,
    totalText: formatVnd(total),
    counts: {
      available: items.filter((i) => i.status === 'available').length,
      partly: items.filter((i) => i.status === 'partly').length,
      missing: items.filter((i) => i.status === 'missing').length,
    },
  };
}

/** Pure reads for the quarterly report (the caller has authorised `plan.manage`). */
export async function facilitiesForReport(deps: Deps, centerId: number, slug: string, from: string, to: string) {
  const rows = await repo.listItems(deps.db, centerId);
  const items = itemsOf(slug, rows);
  const spending = (await repo.listSpending(deps.db, centerId, from, to)).map(spendingOf);
  return { items, rows, spending, total: spending.reduce((s, x) => s + x.amount, 0) };
}

export async function setItem(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  codeIn: unknown,
  input: { status?: unknown; note?: unknown; photo?: unknown; photoName?: unknown },
): Promise<ItemView> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'facilities.manage');
  const code = m.parseFacilityCode(codeIn);
  const before = await repo.findItem(deps.db, center.id, code);
  const status =
    input.status === undefined || input.status === ''
      ? ((before?.status as m.FacilityStatus | undefined) ?? 'missing')
      : m.parseFacilityStatus(input.status);
  const note =
    input.note === undefined ? (before?.note ?? '') : text(input.note, 'note', 1000, false, 'Ghi chú', 'The note');
  const hasPhoto = input.photo !== undefined && input.photo !== null && input.photo !== '';
  const photo = hasPhoto ? await storeUpload(deps, input.photo, input.photoName, `co-so-vat-chat-${code}`) : null;
  if (photo && photo.contentType === 'application/pdf')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [
      { field: 'photo', vi: 'Ảnh minh chứng phải là JPEG hoặc PNG.', en: 'The photo must be a JPEG or PNG.' },
    ]);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.upsertItem(tx, {
      center_id: center.id,
      code,
      status,
      note,
      photo_name: photo?.name ?? before?.photo_name ?? null,
      photo_type: photo?.contentType ?? before?.photo_type ?? null,
      photo_bytes: photo?.bytes ?? before?.photo_bytes ?? null,
      photo_sha256: photo?.sha256 ?? before?.photo_sha256 ?? null,
      photo_key: photo?.key ?? before?.photo_key ?? null,
      updated_by: actorId(a),
      updated_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'facilities.item',
      subject: code,
      detail: JSON.stringify({ status, photo: photo !== null }),
      at: now,
    });
  });
  return itemsOf(slug, await repo.listItems(deps.db, center.id)).find((i) => i.code === code)!;
}

export async function readPhoto(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  codeIn: unknown,
): Promise<{ bytes: Buffer; contentType: ContentType; name: string }> {
  const { center } = await authorizeCenter(deps, actor, slug, 'facilities.manage');
  const r = await repo.findItem(deps.db, center.id, m.parseFacilityCode(codeIn));
  if (!r?.photo_key || !r.photo_sha256) throw new AppError('NOT_FOUND');
  return {
    bytes: await readStored(deps, r.photo_key, r.photo_sha256),
    contentType: r.photo_type as ContentType,
    name: r.photo_name ?? 'anh',
  };
}

export async function addSpending(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { date?: unknown; item?: unknown; amount?: unknown; source?: unknown; note?: unknown },
): Promise<SpendingView> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'facilities.manage');
  if (typeof input.date !== 'string' || !isLocalDate(input.date.trim()))
    throw invalid('date', 'Ngày chi phải là ngày hợp lệ dạng YYYY-MM-DD.', 'The date must be a valid date YYYY-MM-DD.');
  const item = text(input.item, 'item', 300, true, 'Nội dung chi', 'The item');
  const amount = m.parseAmount(input.amount);
  const source = text(input.source, 'source', 200, true, 'Nguồn kinh phí', 'The source of funds');
  const note = text(input.note, 'note', 1000, false, 'Ghi chú', 'The note');
  const now = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const { id } = await repo.insertSpending(tx, {
      center_id: center.id,
      spent_on: (input.date as string).trim(),
      item,
      amount,
      source,
      note,
      created_by: actorId(a),
      created_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'facilities.spending.add',
      subject: String(id),
      detail: JSON.stringify({ amount, source }),
      at: now,
    });
    return id;
  });
  return spendingOf((await repo.findSpending(deps.db, center.id, id))!);
}

export async function removeSpending(deps: Deps, actor: Actor | null, slug: string, idIn: unknown): Promise<void> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'facilities.manage');
  const r = await repo.findSpending(deps.db, center.id, idOr404(idIn));
  if (!r) throw new AppError('NOT_FOUND');
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.deleteSpending(tx, r.id);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'facilities.spending.remove',
      subject: String(r.id),
      detail: JSON.stringify({ amount: Number(r.amount), item: r.item }),
      at: now,
    });
  });
}
