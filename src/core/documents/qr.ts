/**
 * QR codes for web pages and printed documents. One setting for everything the centre prints or
 * shows: error correction M (about 15 % of the symbol may be soiled or torn and it still scans),
 * a quiet zone of 4 modules (what ISO/IEC 18004 asks for), black on white.
 *
 * - `qrPng` for raster uses (downloads, DOCX, tests that decode the image);
 * - `qrSvg` for HTML pages (crisp at any zoom, a few hundred bytes);
 * - `qrMatrix` for vector drawing into PDFs (see `drawQr` in pdf.ts), so printed codes stay sharp
 *   on A2 as on A4.
 */
import * as QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'M';
/** Quiet zone around the symbol, in modules. */
export const QR_QUIET_ZONE = 4;

/** PNG image of the code, `sizePx` wide and high including the quiet zone. */
export async function qrPng(text: string, sizePx: number): Promise<Buffer> {
  if (!Number.isInteger(sizePx) || sizePx < 21 + 2 * QR_QUIET_ZONE || sizePx > 4000) {
    throw new RangeError(`qrPng: size must be an integer from ${21 + 2 * QR_QUIET_ZONE} to 4000 pixels`);
  }
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE,
    width: sizePx,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/** SVG markup of the code (viewBox in modules, quiet zone included); scale it with CSS. */
const svgCache = new Map<string, Promise<string>>();
const SVG_CACHE_MAX = 2000;

/** SVG of a QR code; memoised (a centre's pages ask for the same few hundred URLs again and again). */
export function qrSvg(text: string): Promise<string> {
  const hit = svgCache.get(text);
  if (hit) return hit;
  const made = QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  if (svgCache.size >= SVG_CACHE_MAX) svgCache.delete(svgCache.keys().next().value!);
  svgCache.set(text, made);
  made.catch(() => svgCache.delete(text));
  return made;
}

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark(row: number, col: number): boolean;
}

/** The module matrix, for drawing the code as vectors. Synchronous. */
export function qrMatrix(text: string): QrMatrix {
  const m = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).modules;
  return { size: m.size, isDark: (row, col) => m.get(row, col) === 1 };
}
