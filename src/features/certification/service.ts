/**
 * Electronic certified copies (chứng thực bản sao điện tử từ bản chính, BRIEF §18.2): the officer
 * uploads the scanned original, the system builds the copy with the certification statement, the
 * number of the certification book (gapless per centre and year), the date, the fee and the
 * signer, and signs it (PAdES, the signing room) — all in one transaction, so a failed signature
 * leaves no number behind. The citizen downloads it with the dossier code and the receipt secret.
 * Actions `certification.issue`, `certification.read`.
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { findUserById, insertAudit } from '../../core/auth/repo.ts';
import { actorId, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { localDateOf, parseLocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { checkFile, getDossier, lookupPublic, markElectronicCopy, putBlob, uploadsDir } from '../dossiers/index.ts';
import { imagesFor, parseSignerKind, signedPdfById, signedStatusById, signFinishedPdf } from '../signing/index.ts';
import { offload } from '../tasks.ts';
import { bookVolume, certificationFee } from './model.ts';
import * as repo from './repo.ts';

const MAX_PAGES = 500;

function text(v: unknown, field: string, max: number, vi: string, en: string): string {
  const s = typeof v === 'string' ? v.normalize('NFC').trim() : '';
  if (!s) throw invalid(field, `${vi}: bắt buộc.`, `${en} is required.`);
  if (s.length > max)
    throw invalid(field, `${vi}: tối đa ${String(max)} ký tự.`, `${en}: at most ${String(max)} characters.`);
  return s;
}

export interface CopyView {
  id: number;
  year: number;
  number: number;
  volume: string;
  dossierCode: string | null;
  documentTitle: string;
  requester: string;
  pages: number;
  fee: number;
  certifiedOn: string;
  certifierName: string;
  certifierTitle: string;
  status: 'pending' | 'signed' | 'rejected' | 'expired' | 'failed' | 'none';
  signedDocumentId: number | null;
  createdAt: string;
}

async function present(deps: Deps, r: repo.CopyRow): Promise<CopyView> {
  const s = r.signed_document_id ? await signedStatusById(deps, r.center_id, r.signed_document_id) : null;
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    volume: bookVolume(r.year),
    dossierCode: r.dossier_code,
    documentTitle: r.document_title,
    requester: r.requester,
    pages: r.pages,
    fee: r.fee,
    certifiedOn: r.certified_on,
    certifierName: r.certifier_name,
    certifierTitle: r.certifier_title,
    status: s ? s.status : 'none',
    signedDocumentId: r.signed_document_id,
    createdAt: r.created_at,
  };
}

export interface IssueInput {
  dossierCode?: unknown;
  documentTitle?: unknown;
  requester?: unknown;
  signer?: unknown;
  file?: unknown;
  fileName?: unknown;
}

type IssuingCenter = Awaited<ReturnType<typeof authorizeCenter>>['center'];
type Original = ReturnType<typeof checkFile>;

/** The dossier the copy belongs to (optional, same centre) and the requester (the applicant by default). */
async function dossierAndRequester(
  deps: Deps,
  actor: Actor,
  center: IssuingCenter,
  i: IssueInput,
): Promise<{ dossierCode: string | null; requester: string }> {
  let dossierCode: string | null = null;
  let requester = typeof i.requester === 'string' ? i.requester.normalize('NFC').trim() : '';
  if (typeof i.dossierCode === 'string' && i.dossierCode.trim()) {
    const code = i.dossierCode.trim();
    const d = await getDossier(deps, actor, code);
    if (d.center.id !== center.id) throw new AppError('NOT_FOUND');
    dossierCode = d.dossier.code;
    if (!requester)
      requester =
        d.dossier.applicant.kind === 'organization' ? d.dossier.applicant.orgName : d.dossier.applicant.fullName;
  }
  return { dossierCode, requester: text(requester, 'requester', 200, 'Người yêu cầu chứng thực', 'The requester') };
}

/** The original's page count (an unreadable PDF → 415, more than MAX_PAGES → 400). */
async function originalPageCount(deps: Deps, slug: string, { bytes, contentType }: Original): Promise<number> {
  let pages: number;
  try {
    // In the task pool (decision 052): pdf-lib reads the original there.
    pages = await offload(deps, slug, 'certifiedCopyPages', bytes, contentType);
  } catch (e) {
    if (e instanceof AppError) throw e; // BUSY, UNAVAILABLE: the pool's answer, not the file's
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      [
        {
          field: 'file',
          vi: 'Tệp PDF không đọc được (hỏng hoặc có mật khẩu).',
          en: 'The PDF cannot be read (damaged or encrypted).',
        },
      ],
      { cause: e },
    );
  }
  if (pages > MAX_PAGES)
    throw invalid('file', `Bản chính tối đa ${String(MAX_PAGES)} trang.`, `At most ${String(MAX_PAGES)} pages.`);
  return pages;
}

/** Everything a copy needs before its number is taken: checked input, the stored original, fee, date, seal. */
interface PreparedCopy {
  documentTitle: string;
  signerKind: ReturnType<typeof parseSignerKind>;
  dossierCode: string | null;
  requester: string;
  original: Original;
  originalName: string;
  stored: Awaited<ReturnType<typeof putBlob>>;
  pages: number;
  fee: number;
  certifierTitle: string;
  at: Date;
  date: string;
  year: number;
  seal: Awaited<ReturnType<typeof imagesFor>>['seal'];
}

async function prepareCopy(deps: Deps, actor: Actor, center: IssuingCenter, i: IssueInput): Promise<PreparedCopy> {
  const documentTitle = text(i.documentTitle, 'documentTitle', 300, 'Tên giấy tờ, văn bản', 'The document title');
  const signerKind = parseSignerKind(i.signer);
  const { dossierCode, requester } = await dossierAndRequester(deps, actor, center, i);
  const original = checkFile(i.file);
  const pages = await originalPageCount(deps, center.slug, original);
  const fee = certificationFee(pages);
  const stored = await putBlob(uploadsDir(deps), original.bytes);
  const user = await findUserById(deps.db, actor.userId);
  const certifierTitle = user?.title ?? 'Công chức Tư pháp – Hộ tịch';
  const at = deps.now();
  const date = localDateOf(at);
  const year = parseLocalDate(date).y;
  const { seal } = await imagesFor(deps, center.id, null);
  const originalName =
    typeof i.fileName === 'string' && i.fileName.trim() ? i.fileName.trim().slice(0, 200) : 'ban-chinh';
  return {
    documentTitle,
    signerKind,
    dossierCode,
    requester,
    original,
    originalName,
    stored,
    pages,
    fee,
    certifierTitle,
    at,
    date,
    year,
    seal,
  };
}

/**
 * Renders the copy with its book number and signs it (inside the issuing transaction, `d.db`). The
 * rendering and the PAdES work run in the task pool of `deps` (decision 052): the pool is found by
 * the database handle, which a transaction's is not.
 */
async function renderAndSignCopy(
  deps: Deps,
  d: Deps,
  actor: Actor,
  center: IssuingCenter,
  c: PreparedCopy,
  number: number,
) {
  const { pdf } = await offload(deps, center.slug, 'certifiedCopyPdf', {
    organisation: center.parent_body || center.name,
    place: placeOf(center.parent_body, center.name),
    number,
    year: c.year,
    date: c.date,
    at: c.at,
    documentTitle: c.documentTitle,
    requester: c.requester,
    fee: c.fee,
    certifierTitle: c.certifierTitle,
    certifierName: actor.fullName,
    original: { bytes: c.original.bytes, contentType: c.original.contentType },
    seal: c.seal,
  });
  return signFinishedPdf(
    d,
    actor,
    center,
    {
      title: `Bản sao điện tử – ${c.documentTitle} – số ${String(number)}/${String(c.year)}`,
      fileName: `ban-sao-dien-tu-${String(c.year)}-${String(number)}.pdf`,
      pdf: Buffer.from(pdf),
    },
    c.signerKind,
    { kind: 'certified_copy', ref: `${String(c.year)}-${String(number)}`, at: c.at, tasks: deps },
  );
}

/** The book row, the dossier's mark and the audit line of a signed copy (inside the issuing transaction). */
async function recordCopy(
  d: Deps & { db: Parameters<Parameters<typeof inTransaction>[1]>[0] },
  actor: Actor,
  center: IssuingCenter,
  c: PreparedCopy,
  number: number,
  signed: { id: number; status: string },
): Promise<number> {
  const tx = d.db;
  const { id } = await repo.insertCopy(tx, {
    center_id: center.id,
    year: c.year,
    number,
    dossier_code: c.dossierCode,
    document_title: c.documentTitle,
    requester: c.requester,
    original_name: c.originalName,
    original_type: c.original.contentType,
    original_bytes: c.original.bytes.length,
    original_sha256: c.stored.sha256,
    original_key: c.stored.key,
    pages: c.pages,
    fee: c.fee,
    certified_on: c.date,
    certifier_name: actor.fullName,
    certifier_title: c.certifierTitle,
    signed_document_id: signed.id,
    created_by: actorId(actor),
    created_at: c.at.toISOString(),
  });
  if (c.dossierCode) await markElectronicCopy(d, center.id, c.dossierCode);
  const { year, pages, fee } = c;
  await insertAudit(tx, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'certification.issue',
    subject: c.dossierCode ?? `${String(year)}-${String(number)}`,
    detail: JSON.stringify({ id, year, number, pages, fee, signed: signed.id, status: signed.status }),
    at: c.at.toISOString(),
  });
  return id;
}

export async function issueCopy(deps: Deps, actor: Actor | null, slug: string, i: IssueInput): Promise<CopyView> {
  const { center } = await authorizeCenter(deps, actor, slug, 'certification.issue');
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const c = await prepareCopy(deps, actor, center, i);
  // One transaction: the next number of the book (gapless per year), the signed copy, its row and audit.
  return inTransaction(deps.db, async (tx) => {
    const d = { ...deps, db: tx };
    const number = await repo.nextNumber(tx, center.id, c.year);
    const signed = await renderAndSignCopy(deps, d, actor, center, c, number);
    const id = await recordCopy(d, actor, center, c, number, signed);
    const row = await repo.findCopy(tx, center.id, id);
    if (!row) throw new AppError('NOT_FOUND');
    return present(d, row);
  });
}

function placeOf(parentBody: string, name: string): string {
  for (const s of [parentBody, name]) {
    const m = /(?:^|\s)(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(s.normalize('NFC').trim());
    if (m?.[1]) return m[1].trim();
  }
  return name;
}

export function parseYear(v: unknown, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2000 || n > 2100)
    throw invalid('year', 'Năm từ 2000 đến 2100.', 'The year is between 2000 and 2100.');
  return n;
}

/** The certification book of a year (numbers in order). */
export async function book(deps: Deps, actor: Actor | null, slug: string, yearRaw: unknown) {
  const { center } = await authorizeCenter(deps, actor, slug, 'certification.read');
  const year = parseYear(yearRaw, parseLocalDate(localDateOf(deps.now())).y);
  const rows = await repo.listYear(deps.db, center.id, year);
  const copies: CopyView[] = [];
  for (const r of rows) copies.push(await present(deps, r));
  return { center, year, copies };
}

export async function copiesOfDossier(deps: Deps, actor: Actor | null, slug: string, code: string) {
  const { center } = await authorizeCenter(deps, actor, slug, 'certification.read');
  const rows = await repo.copiesOfDossier(deps.db, center.id, code);
  const out: CopyView[] = [];
  for (const r of rows) out.push(await present(deps, r));
  return out;
}

/** Staff download of a copy's signed PDF. */
export async function copyFile(deps: Deps, actor: Actor | null, slug: string, idRaw: unknown) {
  const { center } = await authorizeCenter(deps, actor, slug, 'certification.read');
  const id = parseId(idRaw);
  const r = id === null ? undefined : await repo.findCopy(deps.db, center.id, id);
  const pdf = r?.signed_document_id ? await signedPdfById(deps, center.id, r.signed_document_id) : null;
  if (!r || !pdf) throw new AppError('NOT_FOUND');
  return { bytes: pdf, name: `ban-sao-dien-tu-${String(r.year)}-${String(r.number)}.pdf` };
}

const PUBLIC_NOT_FOUND = () =>
  new AppError('NOT_FOUND', [
    { vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.', en: 'No dossier matches this code and secret.' },
  ]);

/**
 * The citizen's copies: the dossier code and the receipt secret, checked by the desk's lookup; a
 * wrong secret and an unknown code answer alike. Only signed copies; no personal data beyond the
 * document's title.
 */
export async function publicCopies(deps: Deps, slug: string, code: unknown, secret: unknown) {
  const center = await getCenter(deps, slug);
  let found: Awaited<ReturnType<typeof lookupPublic>>;
  try {
    found = await lookupPublic(deps, code, secret);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw PUBLIC_NOT_FOUND();
    throw e;
  }
  if (found.center.slug !== center.slug) throw PUBLIC_NOT_FOUND();
  const rows = await repo.copiesOfDossier(deps.db, center.id, found.code);
  const copies: {
    id: number;
    number: number;
    year: number;
    documentTitle: string;
    pages: number;
    certifiedOn: string;
  }[] = [];
  for (const r of rows) {
    const s = r.signed_document_id ? await signedStatusById(deps, center.id, r.signed_document_id) : null;
    if (s?.status === 'signed')
      copies.push({
        id: r.id,
        number: r.number,
        year: r.year,
        documentTitle: r.document_title,
        pages: r.pages,
        certifiedOn: r.certified_on,
      });
  }
  return { center, code: found.code, copies };
}

export async function publicCopyFile(deps: Deps, slug: string, code: unknown, secret: unknown, idRaw: unknown) {
  const { center, copies } = await publicCopies(deps, slug, code, secret);
  const id = parseId(idRaw);
  const c = copies.find((x) => x.id === id);
  const r = c ? await repo.findCopy(deps.db, center.id, c.id) : undefined;
  const pdf = r?.signed_document_id ? await signedPdfById(deps, center.id, r.signed_document_id) : null;
  if (!r || !pdf) throw PUBLIC_NOT_FOUND();
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: null,
    action: 'certification.public_download',
    subject: r.dossier_code,
    detail: JSON.stringify({ id: r.id }),
    at: deps.now().toISOString(),
  });
  return { bytes: pdf, name: `ban-sao-dien-tu-${String(r.year)}-${String(r.number)}.pdf` };
}
