/** QR codes as a phone camera reads them: a PDF page rendered with poppler's pdftoppm, then decoded with jsQR. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;

/** Every QR code found in parts of a rendered page (left and right parts, whole height or lower half): the receipt's lookup code sits on the left, its survey code on the right. */
export function decodeQrs(png: Buffer): string[] {
  const img = PNG.sync.read(png);
  const part = (fx0: number, fx1: number, fy0: number) => {
    const x0 = Math.floor(img.width * fx0);
    const x1 = Math.floor(img.width * fx1);
    const y0 = Math.floor(img.height * fy0);
    const w = x1 - x0;
    const h = img.height - y0;
    const out = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++)
      out.set(img.data.subarray(((y + y0) * img.width + x0) * 4, ((y + y0) * img.width + x1) * 4), y * w * 4);
    return jsQR(out, w, h)?.data ?? null;
  };
  const found = new Set<string>();
  for (const [a, b] of [
    [0, 0.5],
    [0, 0.35],
    [0.5, 1],
    [0.65, 1],
    [0.75, 1],
  ] as const) {
    for (const fy of [0, 0.5]) {
      const d = part(a, b, fy);
      if (d) found.add(d);
    }
  }
  return [...found];
}

/** The QR codes of a PDF's first page rendered at 150 dpi (optionally also saved as a small PNG for a person to look at). */
export function qrsOfPdf(pdf: Buffer, screenshot?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'qr-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    if (spawnSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'r.pdf'), join(dir, 'r')]).status !== 0)
      throw new Error('pdftoppm failed');
    if (
      screenshot &&
      spawnSync('pdftoppm', ['-png', '-r', '60', '-singlefile', join(dir, 'r.pdf'), screenshot]).status !== 0
    )
      throw new Error('pdftoppm failed');
    return decodeQrs(readFileSync(join(dir, 'r.png')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
