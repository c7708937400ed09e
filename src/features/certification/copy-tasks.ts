/**
 * The certified copy's heavy work, run in the task pool (src/features/tasks.ts, decision 052):
 * counting the original's pages (pdf-lib) and rendering the copy (pdfkit, pdf-lib). Bytes arrive
 * from the server as Uint8Array and are made Buffers here.
 */
import type { Deps } from '../../core/deps.ts';
import { asBuffer } from '../../core/workers/bytes.ts';
import type { CopyContent, OriginalType } from './render.ts';

/** Pages of an original: a PDF's page count, 1 for an image. Throws on an unreadable PDF. */
export async function countOriginalPages(_deps: Deps, bytes: Uint8Array, contentType: OriginalType): Promise<number> {
  return (await import('./render.ts')).originalPages(asBuffer(bytes), contentType);
}

/** The electronic copy (statement page, the original's pages marked, the signature box) as a PDF. */
export async function renderCopy(_deps: Deps, c: CopyContent): Promise<{ pdf: Buffer; pages: number }> {
  const content = {
    ...c,
    original: { bytes: asBuffer(c.original.bytes), contentType: c.original.contentType },
    seal: c.seal && asBuffer(c.seal),
  };
  return (await import('./render.ts')).certifiedCopyPdf(content);
}
