/**
 * Where a renderer drew its signature block: the gap between the signer's title and name. A
 * renderer calls `markSignatureBox()` once per signature block; the box travels inside the PDF
 * (a custom entry of the document information dictionary) so the signing layer can place the
 * signature and seal images of Decree 30/2020 Appendix I on a finished PDF without knowing which
 * renderer made it. Deliberately free of heavy imports: every renderer loads it.
 */
import type { Doc } from '../pdf.ts';

export const SIGNATURE_BOX_KEY = 'MotcuaSignatureBox';

/** A box in pdfkit's coordinates (points, origin top-left) on page `page` (0-based). */
export interface SignatureBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

const f = (n: number) => n.toFixed(2);

/** Records the signature gap of the page being drawn (call with the page current). */
export function markSignatureBox(doc: Doc, box: Omit<SignatureBox, 'page'>): void {
  const range = doc.bufferedPageRange();
  const page = range.start + range.count - 1;
  const info = doc.info as Record<string, unknown>;
  const prev = typeof info[SIGNATURE_BOX_KEY] === 'string' ? `${info[SIGNATURE_BOX_KEY]};` : '';
  info[SIGNATURE_BOX_KEY] = `${prev}${String(page)} ${f(box.x)} ${f(box.y)} ${f(box.width)} ${f(box.height)}`;
}

export function parseSignatureBoxes(value: string): SignatureBox[] {
  const out: SignatureBox[] = [];
  for (const part of value.split(';')) {
    const n = part.trim().split(/\s+/).map(Number);
    const [page, x, y, width, height] = n;
    if (n.length !== 5 || n.some((v) => !Number.isFinite(v))) continue;
    if (page === undefined || x === undefined || y === undefined || width === undefined || height === undefined)
      continue;
    out.push({ page, x, y, width, height });
  }
  return out;
}
