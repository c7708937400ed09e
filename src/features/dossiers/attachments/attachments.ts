/**
 * Digitisation of dossiers (issue item 7; Decision 766 indicators 4.1 electronic result,
 * 4.2 digitised dossiers, 4.3 reuse of digitised data; DVCQG TaiLieuNop.DuocSoHoa/DuocTaiSuDung):
 * scanned components and results attached to a dossier, and components reused from an earlier
 * dossier of the same person.
 *
 * - Files are checked here, whoever calls: not empty, at most 5 MB, and a PDF, JPEG or PNG by
 *   their first bytes (the client's name and Content-Type are never trusted).
 * - The bytes are stored outside the database and the web root, content-addressed
 *   (<sha256[0..2]>/<sha256>) in the configured store (core/storage: <DATA_DIR>/uploads or an
 *   S3 bucket), written whole, so a reader never sees half a file and one content is stored once.
 * - Each attachment row, the dossier's flags (per component `digitised`/`reused`; `digitised`,
 *   `reused`, `electronic_result`) and an `attach`/`reuse` dossier event are written in one
 *   transaction. The file is written before it; a rolled-back transaction leaves at most an
 *   unreferenced file, never a row without its file.
 * - Every download by staff writes an audit row (the files are personal data).
 */
import { contentDisposition } from '../../../core/http/download.ts';
import { blobStoreOf, putBlob, readBlob, type BlobStore } from '../../../core/storage/index.ts';
import type { Deps } from '../../../core/deps.ts';
import { inTransaction } from '../../../core/db/tx.ts';
import { insertAudit } from '../../../core/auth/repo.ts';
import { actorId, assertCan, type Actor } from '../../../core/auth/access.ts';
import { AppError, invalid } from '../../../core/http/errors.ts';
import { nfc } from '../../../core/text/index.ts';
import { FINAL_STATUSES, STATUS, validCitizenId, type Status } from '../model.ts';
import type { ReceivedComponent } from '../service.ts';
import { getDossier, type DossierView } from '../service.ts';
import * as repo from '../repo.ts';
import * as arepo from './attachments-repo.ts';
import { applicantJson, componentsJson } from '../columns.ts';
import { getCenterById } from '../../centers/index.ts';

export { putBlob, readBlob, sha256Of, storageKeyOf } from '../../../core/storage/index.ts';

// ---- Pure rules (unit tested) ----

/** The largest file accepted (the HTTP layer's multipart limit is the same). */
export const MAX_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_KINDS = ['component', 'result'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

const EXTENSIONS: Record<ContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of a file from its first bytes only: PDF `%PDF-`, JPEG `FF D8 FF`, PNG signature; null for anything else. */
export function sniff(bytes: Uint8Array): ContentType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

/** Checks an uploaded file: 400 when missing or empty, 413 when over 5 MB, 415 when not a PDF, JPEG or PNG. */
export function checkFile(file: unknown): { bytes: Buffer; contentType: ContentType } {
  if (!Buffer.isBuffer(file) || file.length === 0)
    throw invalid('file', 'Hãy chọn một tệp (PDF, JPEG hoặc PNG).', 'Choose a file (PDF, JPEG or PNG).');
  if (file.length > MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', [
      {
        field: 'file',
        vi: 'Tệp lớn hơn 5 MB. Hãy quét với độ phân giải thấp hơn (200 dpi là đủ) hoặc chia thành nhiều tệp.',
        en: 'The file is larger than 5 MB. Scan at a lower resolution (200 dpi is enough) or split it.',
      },
    ]);
  const contentType = sniff(file);
  if (!contentType)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [
      {
        field: 'file',
        vi: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên tệp).',
        en: 'Only PDF, JPEG or PNG files are accepted (checked by the file’s content, not its name).',
      },
    ]);
  return { bytes: file, contentType };
}

/** Which kind of attachment a dossier in `status` accepts: components until it ends, results once processed (9, 10). */
export function acceptsInStatus(kind: AttachmentKind, status: number): boolean {
  if (kind === 'result') return status === STATUS.PROCESSED || status === STATUS.RETURNED;
  return !FINAL_STATUSES.includes(status as Status);
}

export function parseKind(v: unknown): AttachmentKind {
  if (typeof v === 'string' && (ATTACHMENT_KINDS as readonly string[]).includes(v)) return v as AttachmentKind;
  throw invalid('kind', 'Loại tệp: component (thành phần hồ sơ) hoặc result (kết quả).', 'kind: component or result.');
}

/** A component's index (a number or a form's string); `count` is the dossier's number of components. */
export function parseComponentIndex(v: unknown, count: number): number {
  const n = typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= count) {
    throw invalid(
      'componentIndex',
      count ? `Số thứ tự thành phần hồ sơ từ 0 đến ${count - 1}.` : 'Hồ sơ này không có thành phần nào.',
      count ? `componentIndex is between 0 and ${count - 1}.` : 'This dossier has no components.',
    );
  }
  return n;
}

/**
 * The name a file is stored and downloaded under: the given name (NFC, no path or control
 * characters, at most 150 characters) or `fallback`, with the extension of its real type.
 */
export function fileName(raw: unknown, contentType: ContentType, fallback: string): string {
  const clean = (s: string) =>
    [
      ...nfc(s)
        .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ]
      .slice(0, 150)
      .join('')
      .replace(/[. ]+$/, '');
  let name = typeof raw === 'string' ? clean(raw) : '';
  if (!name) name = clean(fallback) || 'tep';
  const lower = name.toLowerCase();
  const ext = EXTENSIONS[contentType];
  if (ext.some((e) => lower.endsWith(e) && lower.length > e.length)) return name;
  const other = Object.values(EXTENSIONS)
    .flat()
    .find((e) => lower.endsWith(e) && lower.length > e.length);
  return `${other ? name.slice(0, -other.length) : name}${ext[0]}`;
}

/** The one Content-Disposition (core/http/download.ts), re-exported for the desk's callers. */
export { contentDisposition };

export interface Flags {
  components: ReceivedComponent[];
  digitised: 0 | 1;
  reused: 0 | 1;
  electronicResult: 0 | 1;
}

/**
 * The dossier's flags after one more attachment. Flags only ever turn on: a component with a file
 * is digitised (DuocSoHoa), one taken from an earlier dossier is also reused (DuocTaiSuDung); a
 * dossier with any file is digitised (4.2), with a reused component reused (4.3), with a PDF
 * result electronic (4.1).
 */
export function flagsAfter(
  f: Flags,
  a: { kind: AttachmentKind; componentIndex: number | null; contentType: ContentType; reused: boolean },
): Flags {
  const components = f.components.map((c, i) =>
    a.kind === 'component' && i === a.componentIndex ? { ...c, digitised: true, reused: c.reused || a.reused } : c,
  );
  return {
    components,
    digitised: 1,
    reused: f.reused === 1 || components.some((c) => c.reused) ? 1 : 0,
    electronicResult: f.electronicResult === 1 || (a.kind === 'result' && a.contentType === 'application/pdf') ? 1 : 0,
  };
}

// ---- File store: content-addressed, on disk or in a bucket (core/storage) ----

/** The configured file store (the name is older than the S3 option). */
export function uploadsDir(deps: Pick<Deps, 'config'>): BlobStore {
  return blobStoreOf(deps.config);
}

// ---- Use cases ----

export interface AttachmentView {
  id: number;
  kind: AttachmentKind;
  componentIndex: number | null;
  /** The component's name in the dossier (null for a result). */
  component: string | null;
  name: string;
  contentType: ContentType;
  bytes: number;
  sha256: string;
  reusedFrom: { attachmentId: number; dossierCode: string | null } | null;
  uploadedBy: string | null;
  uploadedAt: string;
  href: string;
}

export interface ReusableView {
  id: number;
  kind: AttachmentKind;
  /** The component (or "result") it was in the earlier dossier. */
  component: string | null;
  name: string;
  contentType: ContentType;
  bytes: number;
  uploadedAt: string;
  dossier: { code: string; procedureName: string; receivedAt: string };
}

export function attachmentHref(code: string, id: number): string {
  return `/api/v1/dossiers/${encodeURIComponent(code)}/attachments/${id}`;
}

function present(code: string, components: ReceivedComponent[], r: arepo.AttachmentRow): AttachmentView {
  return {
    id: r.id,
    kind: r.kind as AttachmentKind,
    componentIndex: r.component_index,
    component: r.component_index === null ? null : (components[r.component_index]?.name ?? null),
    name: r.name,
    contentType: r.content_type as ContentType,
    bytes: r.bytes,
    sha256: r.sha256,
    reusedFrom:
      r.reused_from_attachment_id === null
        ? null
        : { attachmentId: r.reused_from_attachment_id, dossierCode: r.reused_from_code },
    uploadedBy: r.uploaded_by_name,
    uploadedAt: r.uploaded_at,
    href: attachmentHref(code, r.id),
  };
}

/** Authorises (the dossier service's rules: 401, 404 for another centre, 403) and loads the dossier row. */
async function load(deps: Deps, actor: Actor, code: string) {
  const { center, dossier } = await getDossier(deps, actor, code);
  const row = await repo.findByCode(deps.db, dossier.code);
  if (!row) throw new AppError('NOT_FOUND');
  return { center, dossier, row, actor };
}

function citizenIdOf(storedApplicant: string): string | null {
  const { idNumber } = applicantJson.decode(storedApplicant);
  return validCitizenId(idNumber) ? idNumber : null;
}

function notNow(kind: AttachmentKind, status: number): AppError {
  return new AppError('CONFLICT', [
    kind === 'result'
      ? {
          field: 'kind',
          vi: `Chỉ đính kèm kết quả khi hồ sơ đã xử lý xong hoặc đã trả kết quả (trạng thái hiện tại: ${status}).`,
          en: `A result can be attached only once the dossier is processed or returned (current status: ${status}).`,
        }
      : {
          field: 'kind',
          vi: `Hồ sơ đã kết thúc (trạng thái ${status}): không đính kèm thêm thành phần.`,
          en: `The dossier has ended (status ${status}): no more components can be attached.`,
        },
  ]);
}

export interface AttachInput {
  kind: unknown;
  componentIndex?: unknown;
  name?: unknown;
  file: unknown;
}

interface Placement {
  kind: AttachmentKind;
  componentIndex: number | null;
  name: string;
  contentType: ContentType;
  bytes: number;
  sha256: string;
  key: string;
  reusedFrom: { attachmentId: number; dossierCode: string } | null;
}

/**
 * Writes one attachment row, the dossier's flags and its event in one transaction, under the
 * dossier's row lock. The same content at the same place of the same dossier is not attached
 * twice: the existing attachment is returned (`created: false`) and nothing is written.
 */
async function record(
  deps: Deps,
  actor: Actor,
  dossierId: number,
  applicantIdNumber: string | null,
  p: Placement,
): Promise<{ id: number; created: boolean }> {
  return inTransaction(deps.db, async (tx) => {
    const d = await arepo.lockDossier(tx, dossierId);
    if (!d) throw new AppError('NOT_FOUND');
    if (!acceptsInStatus(p.kind, d.status)) throw notNow(p.kind, d.status);
    const components = componentsJson.decode(d.components);
    if (p.kind === 'component') parseComponentIndex(p.componentIndex, components.length);
    const same = await arepo.findSame(tx, dossierId, p.kind, p.componentIndex, p.sha256);
    if (same) return { id: same.id, created: false };
    const now = deps.now().toISOString();
    const { id } = await arepo.insertAttachment(tx, {
      center_id: d.center_id,
      dossier_id: dossierId,
      kind: p.kind,
      component_index: p.componentIndex,
      name: p.name,
      content_type: p.contentType,
      bytes: p.bytes,
      sha256: p.sha256,
      storage_key: p.key,
      reused_from_attachment_id: p.reusedFrom?.attachmentId ?? null,
      applicant_id_number: applicantIdNumber,
      uploaded_by: actorId(actor),
      uploaded_at: now,
    });
    const f = flagsAfter(
      {
        components,
        digitised: d.digitised === 1 ? 1 : 0,
        reused: d.reused === 1 ? 1 : 0,
        electronicResult: d.electronic_result === 1 ? 1 : 0,
      },
      { kind: p.kind, componentIndex: p.componentIndex, contentType: p.contentType, reused: p.reusedFrom !== null },
    );
    await arepo.saveDigitisation(tx, dossierId, {
      components: JSON.stringify(f.components),
      digitised: f.digitised,
      reused: f.reused,
      electronic_result: f.electronicResult,
      updated_at: now,
    });
    const data = {
      attachmentId: id,
      kind: p.kind,
      componentIndex: p.componentIndex,
      component: p.componentIndex === null ? null : (components[p.componentIndex]?.name ?? null),
      name: p.name,
      contentType: p.contentType,
      bytes: p.bytes,
      ...(p.reusedFrom ? { reusedFrom: p.reusedFrom } : {}),
      ...(p.kind === 'result' && f.electronicResult === 1 && d.electronic_result !== 1
        ? { electronicResult: true }
        : {}),
    };
    await repo.appendEvent(tx, {
      center_id: d.center_id,
      dossier_id: dossierId,
      action: p.reusedFrom ? 'reuse' : 'attach',
      from_status: d.status,
      to_status: d.status,
      actor_user_id: actorId(actor),
      actor_name: actor.fullName,
      at: now,
      data: JSON.stringify(data),
    });
    return { id, created: true };
  });
}

async function viewOf(deps: Deps, code: string, dossierId: number, id: number): Promise<AttachmentView> {
  const d = await repo.findById(deps.db, dossierId);
  const r = await arepo.findInDossier(deps.db, dossierId, id);
  if (!d || !r) throw new AppError('NOT_FOUND');
  return present(code, componentsJson.decode(d.components), r);
}

/**
 * Attaches a scanned component (kind `component`, with its index in the dossier's components) or
 * a result (kind `result`, once the dossier is processed). Permission `dossier.process`.
 */
export async function attach(
  deps: Deps,
  actor: Actor,
  code: string,
  input: AttachInput,
): Promise<{ attachment: AttachmentView; created: boolean }> {
  const { center, dossier, row, actor: a } = await load(deps, actor, code);
  assertCan(a, 'dossier.process', center.id);
  const kind = parseKind(input.kind);
  const componentIndex =
    kind === 'component' ? parseComponentIndex(input.componentIndex, dossier.components.length) : null;
  if (
    kind === 'result' &&
    input.componentIndex !== undefined &&
    input.componentIndex !== null &&
    input.componentIndex !== ''
  ) {
    throw invalid(
      'componentIndex',
      'Kết quả không thuộc thành phần hồ sơ nào: bỏ trống số thứ tự.',
      'A result belongs to no component: leave componentIndex out.',
    );
  }
  if (!acceptsInStatus(kind, dossier.status)) throw notNow(kind, dossier.status);
  const { bytes, contentType } = checkFile(input.file);
  const fallback =
    componentIndex === null
      ? `Kết quả ${dossier.code}`
      : (dossier.components[componentIndex]?.name.slice(0, 100) ?? 'Thành phần hồ sơ');
  const name = fileName(input.name, contentType, fallback);
  const { sha256, key } = await putBlob(uploadsDir(deps), bytes);
  const r = await record(deps, a, row.id, citizenIdOf(row.applicant), {
    kind,
    componentIndex,
    name,
    contentType,
    bytes: bytes.length,
    sha256,
    key,
    reusedFrom: null,
  });
  return { attachment: await viewOf(deps, dossier.code, row.id, r.id), created: r.created };
}

/**
 * Uses a document already digitised for an earlier dossier of the SAME person (same centre, same
 * 12-digit citizen ID of the applicant) as a component of this one: no new file, the component
 * is marked digitised and reused. Another centre's attachment answers 404 (as if missing); another
 * person's 403.
 */
export async function reuseComponent(
  deps: Deps,
  actor: Actor,
  code: string,
  componentIndex: unknown,
  fromAttachmentId: unknown,
): Promise<{ attachment: AttachmentView; created: boolean }> {
  const { center, dossier, row, actor: a } = await load(deps, actor, code);
  assertCan(a, 'dossier.process', center.id);
  const index = parseComponentIndex(componentIndex, dossier.components.length);
  const fromId =
    typeof fromAttachmentId === 'string' && /^\d{1,12}$/.test(fromAttachmentId)
      ? Number(fromAttachmentId)
      : fromAttachmentId;
  if (typeof fromId !== 'number' || !Number.isSafeInteger(fromId) || fromId <= 0)
    throw invalid(
      'fromAttachmentId',
      'Cần chọn tài liệu đã số hóa để tái sử dụng.',
      'Choose the digitised document to reuse.',
    );
  if (!acceptsInStatus('component', dossier.status)) throw notNow('component', dossier.status);
  const src = await arepo.findWithDossier(deps.db, fromId);
  if (!src || src.center_id !== center.id)
    throw new AppError('NOT_FOUND', [
      {
        field: 'fromAttachmentId',
        vi: 'Không tìm thấy tài liệu này trong Trung tâm.',
        en: 'This document was not found in the centre.',
      },
    ]);
  if (src.dossier_id === row.id)
    throw invalid(
      'fromAttachmentId',
      'Tài liệu đã thuộc chính hồ sơ này.',
      'The document already belongs to this dossier.',
    );
  const person = citizenIdOf(row.applicant);
  if (!person)
    throw invalid(
      'applicant.idNumber',
      'Hồ sơ chưa có số căn cước (12 chữ số) của người nộp: không xác định được giấy tờ cũ của cùng người.',
      'The dossier has no 12-digit citizen ID for the applicant: earlier documents of the same person cannot be identified.',
    );
  if (citizenIdOf(src.applicant) !== person) {
    throw new AppError('FORBIDDEN', [
      {
        field: 'fromAttachmentId',
        vi: 'Chỉ được tái sử dụng giấy tờ của chính người nộp (cùng số căn cước).',
        en: 'Only documents of the same person (same citizen ID) can be reused.',
      },
    ]);
  }
  const r = await record(deps, a, row.id, person, {
    kind: 'component',
    componentIndex: index,
    name: src.name,
    contentType: src.content_type as ContentType,
    bytes: src.bytes,
    sha256: src.sha256,
    key: src.storage_key,
    reusedFrom: { attachmentId: src.id, dossierCode: src.dossier_code },
  });
  return { attachment: await viewOf(deps, dossier.code, row.id, r.id), created: r.created };
}

/** A dossier's attachments (oldest first) with its components' and the dossier's digitisation flags. Permission `dossier.read`. */
export async function listAttachments(deps: Deps, actor: Actor, code: string) {
  const { dossier, row } = await load(deps, actor, code);
  const items = (await arepo.listForDossier(deps.db, row.id)).map((r) => present(dossier.code, dossier.components, r));
  return {
    code: dossier.code,
    status: dossier.status,
    flags: dossier.flags,
    components: dossier.components.map((c, index) => ({
      index,
      name: c.name,
      digitised: c.digitised,
      reused: c.reused,
    })),
    items,
  };
}

/**
 * The file of one attachment, for download (permission `dossier.read`). Every read writes an
 * audit row first: who, when, which dossier and document.
 */
export async function readAttachment(
  deps: Deps,
  actor: Actor,
  code: string,
  id: unknown,
): Promise<{ bytes: Buffer; contentType: ContentType; name: string }> {
  const { center, dossier, row, actor: a } = await load(deps, actor, code);
  const n = typeof id === 'string' && /^\d{1,12}$/.test(id) ? Number(id) : id;
  const r =
    typeof n === 'number' && Number.isSafeInteger(n) && n > 0
      ? await arepo.findInDossier(deps.db, row.id, n)
      : undefined;
  if (!r) throw new AppError('NOT_FOUND');
  const bytes = await readBlob(uploadsDir(deps), r.storage_key, r.sha256);
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(a),
    action: 'dossier.attachment.read',
    subject: dossier.code,
    detail: JSON.stringify({ attachmentId: r.id, kind: r.kind, componentIndex: r.component_index, name: r.name }),
    at: deps.now().toISOString(),
  });
  return { bytes, contentType: r.content_type as ContentType, name: r.name };
}

/** At most this many earlier documents are offered for reuse. */
export const REUSABLE_SHOWN = 100;

/**
 * Documents already digitised for the applicant's OTHER dossiers in this centre (same 12-digit
 * citizen ID), newest first, one per distinct content. Empty without a valid citizen ID.
 */
export async function reusableFor(deps: Deps, actor: Actor, code: string): Promise<ReusableView[]> {
  const { center, row } = await load(deps, actor, code);
  const person = citizenIdOf(row.applicant);
  if (!person) return [];
  const seen = new Set<string>();
  const out: ReusableView[] = [];
  for (const r of await arepo.ofPerson(deps.db, center.id, person, row.id, REUSABLE_SHOWN * 2)) {
    // The dossier row is the authority on whose documents these are.
    if (r.dossier_center_id !== center.id || citizenIdOf(r.applicant) !== person || seen.has(r.sha256)) continue;
    seen.add(r.sha256);
    const components = componentsJson.decode(r.components);
    out.push({
      id: r.id,
      kind: r.kind as AttachmentKind,
      component: r.component_index === null ? null : (components[r.component_index]?.name ?? null),
      name: r.name,
      contentType: r.content_type as ContentType,
      bytes: r.bytes,
      uploadedAt: r.uploaded_at,
      dossier: { code: r.dossier_code, procedureName: r.procedure_name, receivedAt: r.received_at },
    });
    if (out.length >= REUSABLE_SHOWN) break;
  }
  return out;
}

// ---- The dossier page's section, from the events alone ----

/**
 * The attachments of a dossier as recorded by its `attach` / `reuse` events (each is written in
 * the attachment's transaction), for pages that already hold the events.
 */
export function attachmentsFromEvents(
  code: string,
  components: ReceivedComponent[],
  events: readonly { action: string; actor: string; at: string; data: Record<string, unknown> }[],
): AttachmentView[] {
  const out: AttachmentView[] = [];
  for (const e of events) {
    if (e.action !== 'attach' && e.action !== 'reuse') continue;
    const d = e.data;
    const id = d.attachmentId;
    const kind = d.kind;
    const type = d.contentType;
    if (
      typeof id !== 'number' ||
      (kind !== 'component' && kind !== 'result') ||
      typeof type !== 'string' ||
      !(CONTENT_TYPES as readonly string[]).includes(type)
    )
      continue;
    const index = typeof d.componentIndex === 'number' ? d.componentIndex : null;
    const from = d.reusedFrom as { attachmentId?: unknown; dossierCode?: unknown } | undefined;
    out.push({
      id,
      kind,
      componentIndex: index,
      component: index === null ? null : (components[index]?.name ?? null),
      name: typeof d.name === 'string' ? d.name : '',
      contentType: type as ContentType,
      bytes: typeof d.bytes === 'number' ? d.bytes : 0,
      sha256: '',
      reusedFrom:
        from && typeof from.attachmentId === 'number'
          ? {
              attachmentId: from.attachmentId,
              dossierCode: typeof from.dossierCode === 'string' ? from.dossierCode : null,
            }
          : null,
      uploadedBy: e.actor,
      uploadedAt: e.at,
      href: attachmentHref(code, id),
    });
  }
  return out;
}

/** The console page offering earlier documents of the same person for reuse: what it renders. */
export async function reusePageModel(
  deps: Deps,
  actor: Actor,
  code: string,
): Promise<{ centerName: string; dossier: DossierView; reusable: ReusableView[] }> {
  const center = await getCenterById(deps, actor.homeCenterId);
  const { dossier } = await getDossier(deps, actor, code);
  return { centerName: center.name, dossier, reusable: await reusableFor(deps, actor, dossier.code) };
}
