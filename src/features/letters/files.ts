/**
 * Courtesy letters as files: one letter as PDF or DOCX, a batch print, a template preview and the
 * finished PDF for the signing room. Each function does everything a download needs — access and
 * audit through the letters service, then the renderer — so that the task pool
 * (src/features/tasks.ts) runs it in a child process and the server never loads pdfkit or docx.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { isDeclined, letterFileBase } from './model.ts';
import { letterDocument, letterDocuments, previewTemplate } from './service.ts';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A rendered file as it crosses the process boundary (bytes as Uint8Array). */
export interface LetterFile {
  fileName: string;
  type: string;
  bytes: Uint8Array;
  inline: boolean;
}

const render = () => import('./render.ts');

const declined = () =>
  new AppError('CONFLICT', [
    { vi: 'Gia đình đã từ chối nhận thư: không in.', en: 'The family declined the letter: nothing to print.' },
  ]);

/** One letter as PDF (inline; a preview without number before its first print) or DOCX (attachment). */
export async function letterFile(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: string,
  ext: 'pdf' | 'docx',
): Promise<LetterFile> {
  const r = await letterDocument(deps, actor, slug, id);
  if (isDeclined(r.letter)) throw declined();
  const title = `${r.content.title} – ${r.letter.dossierCode}`;
  const base = letterFileBase(r.letter);
  const { letterDocx, lettersPdf } = await render();
  if (ext === 'docx')
    return { fileName: `${base}.docx`, type: DOCX, bytes: await letterDocx(r.center, r.content, title), inline: false };
  return {
    fileName: `${base}.pdf`,
    type: PDF,
    bytes: await lettersPdf(r.center, [{ content: r.content, draft: r.draft }], title),
    inline: true,
  };
}

/** Several printed letters in one PDF (the batch print), in the given order; declined ones left out. */
export async function lettersBatchFile(deps: Deps, actor: Actor, slug: string, ids: number[]): Promise<LetterFile> {
  const docs = await letterDocuments(deps, actor, slug, ids);
  const { lettersPdf } = await render();
  return {
    fileName: 'thu-cong.pdf',
    type: PDF,
    bytes: await lettersPdf(
      docs.center,
      docs.contents.map((c) => ({ content: c, draft: false })),
      'Thư chúc mừng, chia buồn',
    ),
    inline: true,
  };
}

/** A template filled with sample names (saved, or the unsaved `draft`), as a PDF preview. */
export async function templatePreviewFile(
  deps: Deps,
  actor: Actor,
  slug: string,
  kind: string,
  draft?: Record<string, unknown>,
): Promise<LetterFile> {
  const r = await previewTemplate(deps, actor, slug, kind, draft);
  const { lettersPdf } = await render();
  return {
    fileName: `mau-thu-${kind}.pdf`,
    type: PDF,
    bytes: await lettersPdf(r.center, [{ content: r.content, draft: true }], `Mẫu – ${r.content.title}`),
    inline: true,
  };
}

/** A numbered letter the family did not decline, as the PDF the signing room signs (issue 14). */
export async function signableLetterFile(deps: Deps, actor: Actor, slug: string, id: string) {
  const r = await letterDocument(deps, actor, slug, id);
  if (isDeclined(r.letter) || r.draft)
    throw new AppError('CONFLICT', [
      {
        field: 'ref',
        vi: 'Chỉ ký số thư đã in (đã có số) và gia đình không từ chối.',
        en: 'Only a printed (numbered) letter the family did not decline can be signed.',
      },
    ]);
  const { lettersPdf } = await render();
  const title = `${r.content.title} – ${r.letter.dossierCode}`;
  return {
    title,
    fileName: `${letterFileBase(r.letter)}-ky-so.pdf`,
    pdf: await lettersPdf(r.center, [{ content: r.content, draft: false }], title),
  };
}
