/**
 * Digital signatures on the product's own PDFs (issue 14): a document source renders a finished
 * PDF, the configured signer signs it (PAdES, src/core/documents/signing/), the signed file is
 * kept and every signing is audited. Sources register themselves from the composition root
 * (src/features/index.ts), so this room imports no other feature. Actions `signing.sign`,
 * `signing.configure`.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { SIGNER_KINDS, type CertificateFacts, type SignerKind } from '../../core/documents/signing/index.ts';
import { getCenterById } from '../centers/index.ts';
import { authorizeCenter } from '../../core/auth/authorize.ts';
import { offload } from '../tasks.ts';
import * as repo from './repo.ts';
import { failed, signerFor } from './signers.ts';
import type { SignRequestData } from './pades-tasks.ts';

type Center = Awaited<ReturnType<typeof getCenterById>>;

/** A finished PDF ready to be signed. */
export interface SignableDocument {
  title: string;
  fileName: string;
  pdf: Buffer;
}

export type SignableRender = (deps: Deps, actor: Actor, slug: string, ref: string) => Promise<SignableDocument>;

interface Source {
  label: { vi: string; en: string };
  render: SignableRender;
}
const sources = new Map<string, Source>();

/** Called by the composition root: `kind` names a document family (form04, letter, quarterly_report…). */
export function registerSignable(kind: string, label: { vi: string; en: string }, render: SignableRender): void {
  sources.set(kind, { label, render });
}

export function signableKinds(): { kind: string; label: { vi: string; en: string } }[] {
  return [...sources.entries()].map(([kind, s]) => ({ kind, label: s.label }));
}

export function parseSignerKind(v: unknown): SignerKind {
  if (typeof v === 'string' && (SIGNER_KINDS as readonly string[]).includes(v)) return v as SignerKind;
  throw invalid(
    'signer',
    'Cách ký: pkcs12 (chứng thư số của tổ chức), pkcs11 (USB token) hoặc remote (ký số từ xa).',
    'Signer: pkcs12 (organisation certificate), pkcs11 (USB token) or remote (remote signing).',
  );
}

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

async function audit(
  deps: Deps,
  actor: Actor | null,
  centerId: number,
  action: string,
  subject: string,
  detail: object,
) {
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actor ? actorId(actor) : null,
    action,
    subject,
    detail: JSON.stringify(detail),
    at: deps.now().toISOString(),
  });
}

// ---- health ----

export interface SignerHealth {
  kind: SignerKind;
  configured: boolean;
  certificate: CertificateFacts | null;
  /** Days until the certificate expires (negative when expired). */
  daysLeft: number | null;
  error: { vi: string; en: string } | null;
}

export async function health(deps: Deps, actor: Actor | null, slug: string) {
  const { center } = await authorizeCenter(deps, actor, slug, 'signing.sign');
  const configured = SIGNER_KINDS.filter((kind) => deps.config.signing[kind] !== null);
  // The certificates are read in the task pool (decision 052): a PKCS#12 file is opened with node-forge.
  const read = configured.length ? await offload(deps, center.slug, 'signerCertificates', configured) : [];
  const signers = SIGNER_KINDS.map((kind): SignerHealth => {
    const c = read[configured.indexOf(kind)];
    const notAfter = c?.certificate ? Date.parse(c.certificate.notAfter) : null;
    return {
      kind,
      configured: configured.includes(kind),
      certificate: c?.certificate ?? null,
      daysLeft: notAfter === null ? null : Math.floor((notAfter - deps.now().getTime()) / 86_400_000),
      error: c?.error ?? null,
    };
  });
  const seal = await repo.findImage(deps.db, center.id, 'seal', 0);
  const mine = actor ? await repo.findImage(deps.db, center.id, 'signature', actorId(actor) ?? 0) : undefined;
  return {
    center,
    signers,
    tsa: deps.config.signing.tsa ? { url: deps.config.signing.tsa.url } : null,
    /** The seal and the actor's own signature image (PNG base64). */
    images: [seal, mine].flatMap((i) =>
      i ? [{ kind: i.kind, owner: i.owner, widthMm: i.width_mm, png: i.png, updatedAt: i.updated_at }] : [],
    ),
  };
}

// ---- images ----

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Uploads the centre's seal (`seal`, width in mm) or the actor's own signature image (`signature`). */
export async function saveImage(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  kindRaw: unknown,
  file: unknown,
  widthRaw: unknown,
) {
  const kind = kindRaw === 'seal' || kindRaw === 'signature' ? kindRaw : null;
  if (!kind)
    throw invalid('kind', 'Loại ảnh: seal (con dấu) hoặc signature (chữ ký).', 'Image kind: seal or signature.');
  const { center } = await authorizeCenter(deps, actor, slug, kind === 'seal' ? 'signing.configure' : 'signing.sign');
  if (!Buffer.isBuffer(file) || file.length === 0) throw invalid('file', 'Chọn tệp ảnh PNG.', 'Choose a PNG file.');
  if (file.length > 1_000_000)
    throw new AppError('PAYLOAD_TOO_LARGE', [{ field: 'file', vi: 'Ảnh tối đa 1 MB.', en: 'At most 1 MB.' }]);
  if (!file.subarray(0, 8).equals(PNG_MAGIC) || file.readUInt8(25) !== 6)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [
      {
        field: 'file',
        vi: 'Ảnh phải là PNG nền trong suốt (RGBA).',
        en: 'The image must be a PNG with a transparent background (RGBA).',
      },
    ]);
  const width = widthRaw === undefined || widthRaw === '' ? (kind === 'seal' ? 40 : 50) : Number(widthRaw);
  if (!Number.isInteger(width) || width < 10 || width > 80)
    throw invalid('widthMm', 'Kích thước thật (mm) từ 10 đến 80.', 'The real width (mm) is between 10 and 80.');
  const owner = kind === 'seal' ? 0 : (actorId(signedIn(actor)) ?? 0);
  await repo.saveImage(deps.db, {
    center_id: center.id,
    kind,
    owner,
    png: file.toString('base64'),
    width_mm: width,
    updated_at: deps.now().toISOString(),
    updated_by: actorId(signedIn(actor)),
  });
  await audit(deps, actor, center.id, 'signing.image', kind, { owner, widthMm: width, bytes: file.length });
  return { kind, owner, widthMm: width };
}

/** Seeds an image without an actor (demo data). */
export async function seedImage(
  deps: Deps,
  centerId: number,
  kind: 'seal' | 'signature',
  owner: number,
  png: Buffer,
  widthMm: number,
) {
  await repo.saveImage(deps.db, {
    center_id: centerId,
    kind,
    owner,
    png: png.toString('base64'),
    width_mm: widthMm,
    updated_at: deps.now().toISOString(),
    updated_by: null,
  });
}

export async function imagesFor(deps: Deps, centerId: number, userId: number | null) {
  const seal = await repo.findImage(deps.db, centerId, 'seal', 0);
  const sig = userId === null ? undefined : await repo.findImage(deps.db, centerId, 'signature', userId);
  return {
    seal: seal ? Buffer.from(seal.png, 'base64') : null,
    sealMm: seal?.width_mm ?? 40,
    signature: sig ? Buffer.from(sig.png, 'base64') : null,
  };
}

// ---- signing ----

export interface SignedView {
  id: number;
  kind: string;
  ref: string;
  title: string;
  fileName: string;
  signerKind: SignerKind;
  status: 'pending' | 'signed' | 'rejected' | 'expired' | 'failed';
  signerName: string;
  certificateSubject: string | null;
  level: string | null;
  signingTime: string;
  createdAt: string;
  completedAt: string | null;
  error: string | null;
  href: string | null;
}

function present(
  r: Omit<
    repo.SignedRow,
    | 'pdf'
    | 'prepared_pdf'
    | 'signed_attrs'
    | 'certificates'
    | 'sha256'
    | 'remote_tx'
    | 'cert_serial'
    | 'cert_not_after'
    | 'created_by'
    | 'center_id'
  >,
  slug: string,
): SignedView {
  return {
    id: r.id,
    kind: r.kind,
    ref: r.ref,
    title: r.title,
    fileName: r.file_name,
    signerKind: r.signer_kind as SignerKind,
    status: r.status as SignedView['status'],
    signerName: r.signer_name,
    certificateSubject: r.cert_subject,
    level: r.level,
    signingTime: r.signing_time,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    error: r.error,
    href: r.status === 'signed' ? `/api/v1/centers/${slug}/signing/documents/${String(r.id)}/file` : null,
  };
}

export interface SignOptions {
  /** The document family and its reference (dossier code, letter id…) for the record and audit. */
  kind: string;
  ref: string;
  /** Signing time; defaults to now. A renderer that prints the time passes the same instant. */
  at?: Date;
  /** Whether to draw the seal/signature images (default true). */
  images?: boolean;
  /**
   * Whose task pool does the PAdES work when `deps.db` is a transaction (the pool is found by the
   * database handle): the caller's deps outside the transaction. Defaults to `deps`.
   */
  tasks?: Deps;
}

/** The columns every signed-document row starts with (who, what, when). */
function recordBase(
  deps: Deps,
  actor: Actor,
  center: Center,
  doc: SignableDocument,
  signerKind: SignerKind,
  o: SignOptions,
  at: Date,
) {
  return {
    center_id: center.id,
    kind: o.kind,
    ref: o.ref,
    title: doc.title,
    file_name: doc.fileName,
    signer_kind: signerKind,
    signer_name: actor.fullName,
    signing_time: at.toISOString(),
    created_by: actorId(actor),
    created_at: deps.now().toISOString(),
  };
}

type RecordBase = ReturnType<typeof recordBase>;
interface Signing {
  /** The deps whose task pool signs (SignOptions.tasks). */
  tasks: Deps;
  center: Center;
  doc: SignableDocument;
  request: SignRequestData;
  base: RecordBase;
  subject: string;
}

/** PKCS#12/PKCS#11: signed at once in the task pool; the row and the audit here. */
async function signWithLocalKey(
  deps: Deps,
  actor: Actor,
  kind: Exclude<SignerKind, 'remote'>,
  { tasks, center, doc, request, base, subject }: Signing,
): Promise<number> {
  const r = await offload(tasks, center.slug, 'signPdfWithKey', doc.pdf, kind, request);
  const pdf = Buffer.from(r.pdf);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const { id } = await repo.insertSigned(deps.db, {
    ...base,
    status: 'signed',
    cert_subject: r.certificate.subject,
    cert_serial: r.certificate.serial,
    cert_not_after: r.certificate.notAfter,
    level: r.level,
    pdf: pdf.toString('base64'),
    sha256,
    completed_at: deps.now().toISOString(),
  });
  await audit(deps, actor, center.id, 'signing.sign', subject, {
    id,
    signer: kind,
    level: r.level,
    certificate: r.certificate.serial,
    sha256,
  });
  return id;
}

/** Remote: the PDF prepared in the task pool, the phone asked here; the row waits as pending. */
async function requestRemote(
  deps: Deps,
  actor: Actor,
  { tasks, center, doc, request, base, subject }: Signing,
): Promise<number> {
  const { RemoteSigner } = await import('../../core/documents/signing/remote.ts');
  const remote = await signerFor(deps.config.signing, 'remote');
  if (!(remote instanceof RemoteSigner)) throw new AppError('SIGNER_NOT_CONFIGURED');
  const certificates = await remote.certificates();
  const p = await offload(tasks, center.slug, 'signPdfPrepare', doc.pdf, certificates, request);
  const signedAttrs = Buffer.from(p.signedAttrs);
  const tx = await remote.request(signedAttrs, { documentName: doc.fileName, description: doc.title });
  const { id } = await repo.insertSigned(deps.db, {
    ...base,
    status: 'pending',
    cert_subject: p.certificate.subject,
    cert_serial: p.certificate.serial,
    cert_not_after: p.certificate.notAfter,
    remote_tx: tx.transactionId,
    prepared_pdf: Buffer.from(p.pdf).toString('base64'),
    signed_attrs: signedAttrs.toString('base64'),
    certificates: JSON.stringify(certificates.map((c) => c.toString('base64'))),
  });
  await audit(deps, actor, center.id, 'signing.request', subject, { id, signer: 'remote', tx: tx.transactionId });
  return id;
}

/**
 * Signs a finished PDF with the chosen signer. PKCS#12/PKCS#11 answer at once (status signed);
 * a remote signer leaves the row pending until the phone confirms (`refresh`). The PAdES work
 * (images, placeholder, CMS) runs in the task pool (decision 052); a failure is audited here.
 */
export async function signFinishedPdf(
  deps: Deps,
  actor: Actor,
  center: Center,
  doc: SignableDocument,
  signerKind: SignerKind,
  o: SignOptions,
): Promise<SignedView> {
  assertCan(actor, 'signing.sign', center.id);
  if (!deps.config.signing[signerKind]) throw new AppError('SIGNER_NOT_CONFIGURED');
  const at = o.at ?? deps.now();
  const request: SignRequestData = {
    name: actor.fullName,
    reason: `Ký số: ${doc.title}`.slice(0, 200),
    location: center.name,
    signingTime: at,
    images: o.images === false ? undefined : await imagesFor(deps, center.id, actorId(actor)),
    tsa: deps.config.signing.tsa ?? undefined,
  };
  const base = recordBase(deps, actor, center, doc, signerKind, o, at);
  const s: Signing = { tasks: o.tasks ?? deps, center, doc, request, base, subject: `${o.kind}:${o.ref}` };
  try {
    const id =
      signerKind === 'remote'
        ? await requestRemote(deps, actor, s)
        : await signWithLocalKey(deps, actor, signerKind, s);
    return await view(deps, center, id);
  } catch (e) {
    const err = failed(e);
    await audit(deps, actor, center.id, 'signing.fail', s.subject, {
      signer: signerKind,
      error: err.message.slice(0, 500),
    });
    throw err;
  }
}

async function view(deps: Deps, center: Center, id: number): Promise<SignedView> {
  const r = await repo.findSigned(deps.db, center.id, id);
  if (!r) throw new AppError('NOT_FOUND');
  return present(r, center.slug);
}

/** Renders a registered document and signs it. */
export async function signDocument(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { kind: unknown; ref: unknown; signer: unknown },
): Promise<SignedView> {
  const { center } = await authorizeCenter(deps, actor, slug, 'signing.sign');
  const source = typeof input.kind === 'string' ? sources.get(input.kind) : undefined;
  if (!source || typeof input.kind !== 'string')
    throw invalid(
      'kind',
      `Loại văn bản: ${[...sources.keys()].join(', ')}.`,
      `Document kind: ${[...sources.keys()].join(', ')}.`,
    );
  const ref = typeof input.ref === 'string' ? input.ref.trim() : '';
  if (!ref || ref.length > 60) throw invalid('ref', 'Thiếu mã văn bản cần ký.', 'The document reference is missing.');
  const signerKind = parseSignerKind(input.signer);
  const me = signedIn(actor);
  const doc = await source.render(deps, me, center.slug, ref);
  return signFinishedPdf(deps, me, center, doc, signerKind, { kind: input.kind, ref });
}

/** Asks the remote service about a pending signature and completes it when confirmed. */
export async function refreshPending(deps: Deps, centerId: number, id: number): Promise<void> {
  const r = await repo.findSigned(deps.db, centerId, id);
  if (r?.status !== 'pending' || !r.remote_tx || !r.prepared_pdf || !r.signed_attrs || !r.certificates) return;
  const subject = `${r.kind}:${r.ref}`;
  const { RemoteSigner } = await import('../../core/documents/signing/remote.ts');
  const remote = await signerFor(deps.config.signing, 'remote');
  if (!(remote instanceof RemoteSigner)) return;
  const s = await remote.status(r.remote_tx);
  if (s.status === 'pending') return;
  if (s.status !== 'signed') {
    if (
      await repo.completePending(deps.db, id, {
        status: s.status,
        completed_at: deps.now().toISOString(),
        prepared_pdf: null,
      })
    )
      await audit(deps, null, centerId, 'signing.fail', subject, { id, signer: 'remote', status: s.status });
    return;
  }
  await completeRemote(
    deps,
    { ...r, prepared_pdf: r.prepared_pdf, signed_attrs: r.signed_attrs, certificates: r.certificates },
    s.signature,
  );
}

/**
 * A confirmed remote signature put into its prepared PDF in the task pool, then the row completed
 * and audited here. A full pool (BUSY) leaves the row pending for the next refresh.
 */
async function completeRemote(
  deps: Deps,
  r: repo.SignedRow & { prepared_pdf: string; signed_attrs: string; certificates: string },
  signature: Buffer,
): Promise<void> {
  const subject = `${r.kind}:${r.ref}`;
  const certificates = (JSON.parse(r.certificates) as string[]).map((c) => Buffer.from(c, 'base64'));
  const prepared = {
    pdf: Buffer.from(r.prepared_pdf, 'base64'),
    signedAttrs: Buffer.from(r.signed_attrs, 'base64'),
    certificates,
  };
  try {
    const { slug } = await getCenterById(deps, r.center_id);
    const tsa = deps.config.signing.tsa ?? undefined;
    const done = await offload(deps, slug, 'signPdfFinish', prepared, signature, tsa);
    const pdf = Buffer.from(done.pdf);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    if (
      await repo.completePending(deps.db, r.id, {
        status: 'signed',
        level: done.level,
        pdf: pdf.toString('base64'),
        sha256,
        prepared_pdf: null,
        completed_at: deps.now().toISOString(),
      })
    )
      await audit(deps, null, r.center_id, 'signing.sign', subject, {
        id: r.id,
        signer: 'remote',
        level: done.level,
        sha256,
      });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'BUSY' || e.code === 'UNAVAILABLE')) throw e;
    const err = failed(e);
    if (
      await repo.completePending(deps.db, r.id, {
        status: 'failed',
        error: err.message.slice(0, 500),
        completed_at: deps.now().toISOString(),
      })
    )
      await audit(deps, null, r.center_id, 'signing.fail', subject, {
        id: r.id,
        signer: 'remote',
        error: err.message.slice(0, 500),
      });
  }
}

/** Every pending remote signature (the background job; also after a restart). */
export async function refreshAllPending(deps: Deps): Promise<number> {
  if (!deps.config.signing.remote) return 0;
  const rows = await repo.pendingIds(deps.db);
  for (const r of rows) {
    try {
      await refreshPending(deps, r.center_id, r.id);
    } catch (e) {
      deps.log.warn({ err: e, id: r.id }, 'remote signature refresh failed');
    }
  }
  return rows.length;
}

export async function getSigned(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  idRaw: unknown,
  refresh = true,
): Promise<SignedView> {
  const { center } = await authorizeCenter(deps, actor, slug, 'signing.sign');
  const id = parseId(idRaw);
  if (id === null) throw new AppError('NOT_FOUND');
  if (refresh && deps.config.signing.remote) {
    try {
      await refreshPending(deps, center.id, id);
    } catch (e) {
      deps.log.warn({ err: e, id }, 'remote signature refresh failed');
    }
  }
  return view(deps, center, id);
}

export async function listSigned(deps: Deps, actor: Actor | null, slug: string): Promise<SignedView[]> {
  const { center } = await authorizeCenter(deps, actor, slug, 'signing.sign');
  return (await repo.listSigned(deps.db, center.id, 100)).map((r) => present(r, center.slug));
}

/** The signed PDF (staff). */
export async function signedFile(deps: Deps, actor: Actor | null, slug: string, idRaw: unknown) {
  const { center } = await authorizeCenter(deps, actor, slug, 'signing.sign');
  const id = parseId(idRaw);
  const r = id === null ? undefined : await repo.findSigned(deps.db, center.id, id);
  if (r?.status !== 'signed' || !r.pdf) throw new AppError('NOT_FOUND');
  await audit(deps, actor, center.id, 'signing.download', `${r.kind}:${r.ref}`, { id: r.id });
  return { bytes: Buffer.from(r.pdf, 'base64'), contentType: 'application/pdf', name: r.file_name };
}

/** The signed PDF for another room that has already authorised the reader (certified copies). */
export async function signedPdfById(deps: Deps, centerId: number, id: number): Promise<Buffer | null> {
  const r = await repo.findSigned(deps.db, centerId, id);
  return r?.status === 'signed' && r.pdf ? Buffer.from(r.pdf, 'base64') : null;
}

export async function signedStatusById(deps: Deps, centerId: number, id: number): Promise<SignedView | null> {
  const center = await getCenterById(deps, centerId);
  const r = await repo.findSigned(deps.db, centerId, id);
  return r ? present(r, center.slug) : null;
}
