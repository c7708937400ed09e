/**
 * The visible part of a signature (Decree 30/2020, Appendix I, Part II): in each signature box a
 * renderer marked (./box.ts), the signer's handwritten-signature image (blue, transparent PNG) is
 * centred between the title and the name, and the organisation's seal (red, transparent PNG, at
 * its real size) overlaps about a third of it on the left. Drawn with pdf-lib on a finished PDF,
 * written back with a classic cross-reference table so the signature placeholder can follow.
 */
import { PDFDocument, PDFName, PDFString, PDFHexString, PDFDict } from '@cantoo/pdf-lib';
import { mm } from '../pdf.ts';
import { parseSignatureBoxes, SIGNATURE_BOX_KEY } from './box.ts';

export interface StampImages {
  /** The signer's signature, PNG. */
  signature?: Buffer | null | undefined;
  /** The organisation's seal, PNG; drawn `sealMm` wide. */
  seal?: Buffer | null | undefined;
  sealMm?: number | undefined;
}

export interface StampResult {
  pdf: Buffer;
  /** How many boxes got images. */
  stamped: number;
}

/** Largest signature image: 50 mm wide, the box's height. */
const SIGNATURE_MAX_W = mm(50);

function infoText(doc: PDFDocument, key: string): string | null {
  const ref = doc.context.trailerInfo.Info;
  const info = ref ? doc.context.lookup(ref) : undefined;
  if (!(info instanceof PDFDict)) return null;
  const raw = info.get(PDFName.of(key));
  const v = raw ? doc.context.lookup(raw) : undefined; // pdfkit writes the values as indirect objects
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
  return null;
}

export async function stampPdf(pdf: Buffer, images: StampImages): Promise<StampResult> {
  if (!images.signature && !images.seal) return { pdf, stamped: 0 };
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const marker = infoText(doc, SIGNATURE_BOX_KEY);
  const boxes = marker ? parseSignatureBoxes(marker) : [];
  if (boxes.length === 0) return { pdf, stamped: 0 };
  const sig = images.signature ? await doc.embedPng(images.signature) : null;
  const seal = images.seal ? await doc.embedPng(images.seal) : null;
  const pages = doc.getPages();
  let stamped = 0;
  for (const b of boxes) {
    const page = pages[b.page];
    if (!page) continue;
    const ph = page.getHeight();
    const cx = b.x + b.width / 2;
    const cyTop = b.y + b.height / 2; // centre, pdfkit coordinates
    let sx = cx;
    let sw = 0;
    if (sig) {
      const scale = Math.min(SIGNATURE_MAX_W / sig.width, (b.height * 0.95) / sig.height);
      sw = sig.width * scale;
      const sh = sig.height * scale;
      sx = cx - sw / 2;
      page.drawImage(sig, { x: sx, y: ph - cyTop - sh / 2, width: sw, height: sh });
    }
    if (seal) {
      const d = mm(images.sealMm ?? 40);
      const dh = (seal.height / seal.width) * d;
      // the seal's right edge a third of the way into the signature image
      const right = sig ? sx + sw / 3 : cx;
      page.drawImage(seal, { x: right - d, y: ph - cyTop - dh / 2, width: d, height: dh });
    }
    stamped++;
  }
  const out = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { pdf: Buffer.from(out), stamped };
}
