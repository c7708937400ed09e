/**
 * Data-subject rights (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP; BRIEF §13) for one citizen,
 * found by the 12-digit ID number, run by the machine's administrator with `motcua citizen …`:
 * - export: every dossier that names the person (as applicant or owner), the attachments' list
 *   and the messages sent about them, as one JSON document;
 * - erase: what the law lets the centre erase. A dossier is an archival record of a public
 *   service (Archives Law 33/2024; the one-stop rules keep the tracking book and forms): its
 *   parties' name, ID number and address stay. Contact details given for messages (phone,
 *   e-mail) are removed from the dossier, the messages' text and recipient are wiped, and the
 *   attachments lose the ID link used to reuse documents across dossiers. Opt-outs are kept (they
 *   protect the person from being contacted again).
 * Both are audited in each centre concerned, under a pseudonym of the ID number (never the number).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { invalid } from '../../core/http/errors.ts';
import * as repo from './repo.ts';
import { anonymiseCitizenInDossiers, dossiersOfCitizen } from '../dossiers/index.ts';

const ID_RE = /^\d{12}$/;

export function validIdNumber(raw: string): string {
  const id = raw.trim();
  if (!ID_RE.test(id))
    throw invalid('id', 'Số định danh cá nhân gồm đúng 12 chữ số.', 'A citizen ID number has exactly 12 digits.');
  return id;
}

/** The name an ID number goes by in the audit log. */
export const pseudonym = (id: string) =>
  `cccd:${createHash('sha256').update(`motcua-citizen|${id}`).digest('hex').slice(0, 16)}`;

interface Party {
  idNumber?: string;
  phone?: string;
  email?: string;
  [k: string]: unknown;
}

function parseParty(text: string | null): Party | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Party) : null;
  } catch {
    return null;
  }
}

async function find(deps: Deps, id: string) {
  const rows = await dossiersOfCitizen(deps, id);
  const recipients = new Set<string>();
  for (const d of rows)
    for (const p of [parseParty(d.applicant), parseParty(d.owner)])
      if (p?.idNumber === id) {
        if (p.phone) recipients.add(p.phone.replace(/[\s.-]/g, ''));
        if (p.email) recipients.add(p.email.toLowerCase());
      }
  const ids = rows.map((d) => d.id);
  const [attachments, messages] = await Promise.all([
    repo.attachmentsOf(deps.db, id, ids),
    repo.messagesOf(deps.db, ids, [...recipients]),
  ]);
  return { rows, attachments, messages };
}

async function audit(deps: Deps, centerIds: Iterable<number>, action: string, id: string, detail: object) {
  const centers = [...new Set(centerIds)];
  await inTransaction(deps.db, async (tx) => {
    for (const c of centers.length ? centers : [null])
      await insertAudit(tx, {
        center_id: c,
        actor_user_id: null,
        action,
        subject: pseudonym(id),
        detail: JSON.stringify(detail),
        at: deps.now().toISOString(),
      });
  });
}

export async function exportCitizen(deps: Deps, idRaw: string) {
  const id = validIdNumber(idRaw);
  const { rows, attachments, messages } = await find(deps, id);
  const doc = {
    format: 'motcua-citizen-export/1',
    idNumber: id,
    exportedAt: deps.now().toISOString(),
    dossiers: rows.map((d) => ({
      center: d.center_slug,
      code: d.code,
      procedure: { code: d.procedure_code, name: d.procedure_name },
      subject: d.subject,
      status: d.status,
      receivedAt: d.received_at,
      dueAt: d.due_at,
      returnedAt: d.returned_at,
      applicant: parseParty(d.applicant),
      owner: parseParty(d.owner),
    })),
    attachments: attachments.map((a) => ({
      dossier: rows.find((d) => d.id === a.dossier_id)?.code ?? null,
      kind: a.kind,
      name: a.name,
      contentType: a.content_type,
      bytes: a.bytes,
      sha256: a.sha256,
      uploadedAt: a.uploaded_at,
    })),
    messages: messages.map((m) => ({
      dossier: rows.find((d) => d.id === m.dossier_id)?.code ?? null,
      kind: m.kind,
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      status: m.status,
      createdAt: m.created_at,
    })),
  };
  await audit(deps, [...rows.map((d) => d.center_id), ...messages.map((m) => m.center_id)], 'citizen.export', id, {
    dossiers: rows.length,
    attachments: attachments.length,
    messages: messages.length,
  });
  return doc;
}

export interface EraseResult {
  dossiers: number;
  attachmentsUnlinked: number;
  messagesWiped: number;
}

export async function eraseCitizen(deps: Deps, idRaw: string): Promise<EraseResult> {
  const id = validIdNumber(idRaw);
  const { rows, messages } = await find(deps, id);
  const nowIso = deps.now().toISOString();
  const result = await inTransaction(deps.db, async (tx) => {
    await anonymiseCitizenInDossiers(tx, rows, id, nowIso);
    const un = await repo.unlinkAttachments(tx, id);
    const wiped = await repo.wipeMessages(
      tx,
      messages.map((m) => m.id),
    );
    return {
      dossiers: rows.length,
      attachmentsUnlinked: Number(un.numUpdatedRows),
      messagesWiped: Number(wiped?.numUpdatedRows ?? 0),
    };
  });
  await audit(
    deps,
    [...rows.map((d) => d.center_id), ...messages.map((m) => m.center_id)],
    'citizen.erase',
    id,
    result,
  );
  return result;
}

/** Retention pass: message texts and audit details older than RETENTION_DAYS are wiped. */
export async function runRetention(
  deps: Deps,
  wipeMessages: (deps: Deps, days: number) => Promise<number>,
): Promise<{ messages: number; audit: number }> {
  const days = deps.config.retentionDays;
  if (days <= 0) return { messages: 0, audit: 0 };
  const before = new Date(deps.now().getTime() - days * 86_400_000).toISOString();
  const messages = await wipeMessages(deps, days);
  const audit = await repo.wipeOldAuditDetail(deps.db, before);
  return { messages, audit };
}
