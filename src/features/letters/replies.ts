/**
 * How the letters routes answer with files: the letter (PDF/DOCX), a batch, a template preview —
 * each rendered in the task pool (src/features/tasks.ts), never in the server — and the handover
 * evidence; plus the API's view of a letter (instants in Vietnam time).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../core/deps.ts';
import { requireActor } from '../../core/http/context.ts';
import { toIsoVn } from '../../core/calendar/index.ts';
import { contentDisposition } from '../dossiers/index.ts';
import { offload } from '../tasks.ts';
import type { LetterFile } from './files.ts';
import { readEvidence, type LetterView } from './service.ts';

const vn = (iso: string | null) => (iso ? toIsoVn(new Date(iso)) : null);

/** A letter as the JSON API shows it: instants in Vietnam time (ISO with +07:00). */
export function apiView(l: LetterView) {
  return {
    ...l,
    preparedAt: vn(l.preparedAt),
    printedAt: vn(l.printedAt),
    handedOverAt: vn(l.handedOverAt),
    declinedAt: vn(l.declinedAt),
    followUp: l.followUp ? { ...l.followUp, doneAt: vn(l.followUp.doneAt) } : null,
  };
}

/** A follow-up as the JSON API shows it. */
export const followupApiView = <F extends { doneAt: string | null }>(f: F) => ({ ...f, doneAt: vn(f.doneAt) });

export function sendFile(reply: FastifyReply, f: Pick<LetterFile, 'bytes' | 'type' | 'fileName' | 'inline'>) {
  const disposition = contentDisposition(f.fileName);
  return reply
    .type(f.type)
    .header('content-disposition', f.inline ? disposition.replace(/^attachment/, 'inline') : disposition)
    .header('cache-control', 'no-store')
    .send(Buffer.from(f.bytes));
}

/** The letter as PDF or DOCX, rendered in the task pool. */
export async function sendLetter(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  id: string,
  ext: 'pdf' | 'docx',
) {
  const actor = requireActor(req);
  return sendFile(reply, await offload(deps, actor.homeCenterId, 'letterFile', actor, slug, id, ext));
}

/** Several letters in one PDF (the batch print), rendered in the task pool. */
export async function sendBatch(deps: Deps, req: FastifyRequest, reply: FastifyReply, slug: string, ids: number[]) {
  const actor = requireActor(req);
  return sendFile(reply, await offload(deps, actor.homeCenterId, 'lettersBatch', actor, slug, ids));
}

/** A template filled with sample names (saved, or the unsaved draft) as PDF, rendered in the task pool. */
export async function sendTemplatePreview(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  kind: string,
  draft?: Record<string, unknown>,
) {
  const actor = requireActor(req);
  return sendFile(reply, await offload(deps, actor.homeCenterId, 'letterTemplatePreview', actor, slug, kind, draft));
}

/** The handover evidence (audited). */
export async function sendEvidence(deps: Deps, req: FastifyRequest, reply: FastifyReply, slug: string, id: string) {
  const f = await readEvidence(deps, requireActor(req), slug, id);
  return sendFile(reply, { bytes: f.bytes, type: f.contentType, fileName: f.name, inline: false });
}
