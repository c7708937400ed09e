/**
 * The document register (plan V.2.5: sổ theo dõi công văn đi, đến): incoming and outgoing
 * correspondence of the model, numbered 1, 2, 3… per centre, year and direction without gaps
 * (Decree 30 Art. 15 restarts numbering on 1 January), with the sender or recipient, abstract,
 * a scanned file, the assignee, a deadline and a status. Action `register.manage`.
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { isLocalDate, localDateOf, type LocalDate } from '../../core/calendar/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { idOr404 } from '../../core/http/ids.ts';
import { readStored, storeUpload, type ContentType } from '../plan/index.ts';
import { text } from '../plan/index.ts';
import * as repo from './repo.ts';
import { registerFilterOf, type RegisterFilter } from './model.ts';

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DOC_STATUSES = ['new', 'processing', 'done'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];
export const DIRECTION_VI: Record<Direction, string> = { in: 'Công văn đến', out: 'Công văn đi' };
export const DIRECTION_EN: Record<Direction, string> = { in: 'Incoming', out: 'Outgoing' };
export const DOC_STATUS_VI: Record<DocStatus, string> = { new: 'Mới', processing: 'Đang xử lý', done: 'Đã xử lý' };
export const DOC_STATUS_EN: Record<DocStatus, string> = { new: 'New', processing: 'In progress', done: 'Done' };

export interface DocView {
  id: number;
  year: number;
  direction: Direction;
  number: number;
  /** "Đến 03/2026" style label. */
  label: string;
  date: string;
  symbol: string;
  party: string;
  abstract: string;
  assignee: string;
  deadline: string | null;
  status: DocStatus;
  file: { name: string; contentType: ContentType; bytes: number; href: string } | null;
  createdAt: string;
}

export function parseDirection(v: unknown): Direction {
  if (v === 'in' || v === 'out') return v;
  throw invalid('direction', 'Chiều văn bản: in (đến) hoặc out (đi).', 'direction: in (incoming) or out (outgoing).');
}

export function parseDocStatus(v: unknown): DocStatus {
  if (typeof v === 'string' && (DOC_STATUSES as readonly string[]).includes(v)) return v as DocStatus;
  throw invalid(
    'status',
    'Trạng thái: new (mới), processing (đang xử lý) hoặc done (đã xử lý).',
    'status: new, processing or done.',
  );
}

function parseDate(v: unknown, field: string, required: boolean, vi: string, en: string): string | null {
  if ((v === undefined || v === null || v === '') && !required) return null;
  if (typeof v !== 'string' || !isLocalDate(v.trim()))
    throw invalid(field, `${vi} phải là ngày hợp lệ dạng YYYY-MM-DD.`, `${en} must be a valid date YYYY-MM-DD.`);
  return v.trim();
}

function present(slug: string, r: repo.DocRow): DocView {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return {
    id: r.id,
    year: r.year,
    direction: r.direction as Direction,
    number: r.number,
    label: `${pad(r.number)}/${r.year}`,
    date: r.doc_date,
    symbol: r.symbol,
    party: r.party,
    abstract: r.abstract,
    assignee: r.assignee,
    deadline: r.deadline,
    status: r.status as DocStatus,
    file:
      r.file_key && r.file_name && r.file_type
        ? {
            name: r.file_name,
            contentType: r.file_type as ContentType,
            bytes: r.file_bytes ?? 0,
            href: `/api/v1/centers/${slug}/register/${r.id}/file`,
          }
        : null,
    createdAt: r.created_at,
  };
}

export interface DocInput {
  direction?: unknown;
  date?: unknown;
  symbol?: unknown;
  party?: unknown;
  abstract?: unknown;
  assignee?: unknown;
  deadline?: unknown;
  status?: unknown;
}

function fields(i: DocInput, partial: boolean) {
  const out: {
    doc_date?: string;
    symbol?: string;
    party?: string;
    abstract?: string;
    assignee?: string;
    deadline?: string | null;
    status?: DocStatus;
  } = {};
  if (!partial || i.date !== undefined)
    out.doc_date = parseDate(i.date, 'date', true, 'Ngày văn bản', 'The document date')!;
  if (!partial || i.symbol !== undefined)
    out.symbol = text(i.symbol, 'symbol', 60, false, 'Số, ký hiệu văn bản', 'The document number and symbol');
  if (!partial || i.party !== undefined)
    out.party = text(i.party, 'party', 300, true, 'Nơi gửi / nơi nhận', 'The sender or recipient');
  if (!partial || i.abstract !== undefined)
    out.abstract = text(i.abstract, 'abstract', 1000, true, 'Trích yếu', 'The abstract');
  if (!partial || i.assignee !== undefined)
    out.assignee = text(i.assignee, 'assignee', 200, false, 'Người xử lý', 'The assignee');
  if (!partial || i.deadline !== undefined)
    out.deadline = parseDate(i.deadline, 'deadline', false, 'Hạn xử lý', 'The deadline');
  if (!partial || i.status !== undefined)
    out.status = i.status === undefined || i.status === '' ? 'new' : parseDocStatus(i.status);
  if (out.doc_date && out.deadline && out.deadline < out.doc_date)
    throw invalid(
      'deadline',
      'Hạn xử lý không được trước ngày văn bản.',
      'The deadline cannot be before the document date.',
    );
  return out;
}

/**
 * Enters a document in the book: the next number of its direction in the year of its date, in
 * the same transaction as the row (a failed entry leaves no gap). An optional file (PDF, JPEG or
 * PNG by content) is stored first.
 */
export async function addDoc(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: DocInput & { file?: unknown; fileName?: unknown },
): Promise<DocView> {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'register.manage');
  const direction = parseDirection(input.direction);
  const f = fields(input, false);
  const year = Number(f.doc_date!.slice(0, 4));
  const hasFile = input.file !== undefined && input.file !== null && input.file !== '';
  const stored = hasFile
    ? await storeUpload(
        deps,
        input.file,
        input.fileName,
        `${direction === 'in' ? 'cong-van-den' : 'cong-van-di'}-${f.symbol || year}`,
      )
    : null;
  const now = deps.now().toISOString();
  const id = await inTransaction(deps.db, async (tx) => {
    const number = await repo.nextNumber(tx, center.id, year, direction);
    const { id } = await repo.insertDoc(tx, {
      center_id: center.id,
      year,
      direction,
      number,
      doc_date: f.doc_date!,
      symbol: f.symbol!,
      party: f.party!,
      abstract: f.abstract!,
      assignee: f.assignee!,
      deadline: f.deadline ?? null,
      status: f.status!,
      file_name: stored?.name ?? null,
      file_type: stored?.contentType ?? null,
      file_bytes: stored?.bytes ?? null,
      file_sha256: stored?.sha256 ?? null,
      file_key: stored?.key ?? null,
      created_by: actorId(a),
      created_at: now,
      updated_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'register.add',
      subject: `${direction}/${year}/${number}`,
      detail: null,
      at: now,
    });
    return id;
  });
  return present(slug, (await repo.findDoc(deps.db, center.id, id))!);
}

async function load(deps: Deps, actor: Actor | null, slug: string, id: unknown) {
  const { center, actor: a } = await authorizeCenter(deps, actor, slug, 'register.manage');
  const row = await repo.findDoc(deps.db, center.id, idOr404(id));
  if (!row) throw new AppError('NOT_FOUND');
  return { center, actor: a, row };
}

export async function getDoc(deps: Deps, actor: Actor | null, slug: string, id: unknown): Promise<DocView> {
  return present(slug, (await load(deps, actor, slug, id)).row);
}

/** Changes the details, assignee, deadline or status. The number, direction and year never change. */
export async function updateDoc(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  input: DocInput,
): Promise<DocView> {
  const { center, actor: a, row } = await load(deps, actor, slug, id);
  if (input.direction !== undefined && input.direction !== row.direction)
    throw invalid(
      'direction',
      'Không đổi được chiều của văn bản đã vào sổ.',
      'A registered document’s direction cannot change.',
    );
  const f = fields(input, true);
  if (f.doc_date && Number(f.doc_date.slice(0, 4)) !== row.year)
    throw invalid(
      'date',
      `Văn bản đã vào sổ năm ${row.year}: ngày phải thuộc năm ${row.year}.`,
      `The document is in the ${row.year} book: its date must be in ${row.year}.`,
    );
  const deadline = f.deadline === undefined ? row.deadline : f.deadline;
  const date = f.doc_date ?? row.doc_date;
  if (deadline && deadline < date)
    throw invalid(
      'deadline',
      'Hạn xử lý không được trước ngày văn bản.',
      'The deadline cannot be before the document date.',
    );
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.updateDoc(tx, row.id, { ...f, updated_at: now });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'register.update',
      subject: `${row.direction}/${row.year}/${row.number}`,
      detail: JSON.stringify(Object.keys(f)),
      at: now,
    });
  });
  return getDoc(deps, a, slug, row.id);
}

export async function attachDocFile(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
  file: unknown,
  name: unknown,
): Promise<DocView> {
  const { center, actor: a, row } = await load(deps, actor, slug, id);
  const stored = await storeUpload(
    deps,
    file,
    name,
    `${row.direction === 'in' ? 'cong-van-den' : 'cong-van-di'}-${row.number}-${row.year}`,
  );
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.updateDoc(tx, row.id, {
      file_name: stored.name,
      file_type: stored.contentType,
      file_bytes: stored.bytes,
      file_sha256: stored.sha256,
      file_key: stored.key,
      updated_at: now,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(a),
      action: 'register.file',
      subject: `${row.direction}/${row.year}/${row.number}`,
      detail: null,
      at: now,
    });
  });
  return getDoc(deps, a, slug, row.id);
}

export async function readDocFile(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: unknown,
): Promise<{ bytes: Buffer; contentType: ContentType; name: string }> {
  const { row } = await load(deps, actor, slug, id);
  if (!row.file_key || !row.file_sha256) throw new AppError('NOT_FOUND');
  return {
    bytes: await readStored(deps, row.file_key, row.file_sha256),
    contentType: row.file_type as ContentType,
    name: row.file_name ?? 'van-ban',
  };
}

export interface ListQuery {
  year?: unknown;
  direction?: unknown;
  status?: unknown;
  q?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
}

export async function listDocs(deps: Deps, actor: Actor | null, slug: string, q: ListQuery = {}): Promise<DocView[]> {
  const { center } = await authorizeCenter(deps, actor, slug, 'register.manage');
  const has = (v: unknown) => v !== undefined && v !== null && v !== '';
  const year = has(q.year) ? Number(q.year) : undefined;
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw invalid('year', 'Năm không hợp lệ.', 'The year is not valid.');
  const limit = has(q.limit) ? Number(q.limit) : 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
    throw invalid('limit', 'Số dòng từ 1 đến 5000.', 'limit is between 1 and 5000.');
  const rows = await repo.listDocs(deps.db, center.id, {
    year,
    direction: has(q.direction) ? parseDirection(q.direction) : undefined,
    status: has(q.status) ? parseDocStatus(q.status) : undefined,
    q: has(q.q) ? text(q.q, 'q', 100, false, 'Từ khóa', 'The search text') : undefined,
    from: parseDate(q.from, 'from', false, 'Từ ngày', 'from') ?? undefined,
    to: parseDate(q.to, 'to', false, 'Đến ngày', 'to') ?? undefined,
    limit,
  });
  return rows.map((r) => present(slug, r));
}

/** The filtered register with the centre's name, for the XLSX export. */
export async function exportData(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  q: ListQuery,
): Promise<{ centerName: string; docs: DocView[] }> {
  const { center } = await authorizeCenter(deps, actor, slug, 'register.manage');
  return { centerName: center.name, docs: await listDocs(deps, actor, slug, { ...q, limit: '5000' }) };
}

// ---- View model of the console list ----------------------------------------------------------

export interface RegisterPageModel {
  docs: DocView[];
  filter: RegisterFilter;
  today: LocalDate;
  /** The filter was not valid: the page lists every document and says why. */
  filterError: unknown;
}

/** /console/register: the filtered list (all documents when the filter is not valid) and today's date for the form. */
export async function registerPageModel(
  deps: Deps,
  actor: Actor,
  slug: string,
  query: Record<string, unknown>,
): Promise<RegisterPageModel> {
  const filter = registerFilterOf(query);
  const today = localDateOf(deps.now());
  try {
    return { docs: await listDocs(deps, actor, slug, filter), filter, today, filterError: null };
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    return { docs: await listDocs(deps, actor, slug, {}), filter, today, filterError: e };
  }
}
