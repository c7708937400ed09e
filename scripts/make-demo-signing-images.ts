/**
 * Makes the demo centre's seal and the demo director's signature (transparent PNGs in
 * data/demo/signing/) once: drawn with pdfkit and the Tinos font, rasterised with poppler's
 * pdftoppm and made transparent (ink colour, alpha from darkness) with pngjs. Run: node bin/run.mjs scripts/make-demo-signing-images.ts
 * The outputs are committed; nothing runs this at install or start time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdf, mm, pdfToBuffer } from '../src/core/documents/pdf.ts';
import { ROOT as projectRoot } from '../src/core/paths.ts';

const out = join(projectRoot, 'data', 'demo', 'signing');
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'motcua-img-'));

/** Ink on transparent: alpha from how far a pixel is from white, colour the ink's; `step` subsamples. */
function transparent(src: string, dst: string, ink: [number, number, number], step: number): void {
  const a = PNG.sync.read(readFileSync(src));
  const w = Math.floor(a.width / step);
  const h = Math.floor(a.height / step);
  const b = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let dark = 0;
      for (let j = 0; j < step; j++)
        for (let i = 0; i < step; i++) {
          const o = ((y * step + j) * a.width + x * step + i) * 4;
          dark += 255 - Math.min(a.data.readUInt8(o), a.data.readUInt8(o + 1), a.data.readUInt8(o + 2));
        }
      const o = (y * w + x) * 4;
      b.data[o] = ink[0];
      b.data[o + 1] = ink[1];
      b.data[o + 2] = ink[2];
      b.data[o + 3] = Math.min(255, Math.round((dark / (step * step)) * 1.15));
    }
  writeFileSync(dst, PNG.sync.write(b));
}

async function seal(): Promise<void> {
  const size = mm(40);
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: 'seal',
    margins: { top: 0, left: 0, right: 0, bottom: 0 },
  });
  const red = '#d7192a';
  const c = size / 2 + 2;
  doc
    .lineWidth(3)
    .strokeColor(red)
    .circle(c, c, size / 2 - 2)
    .stroke();
  doc
    .lineWidth(1)
    .circle(c, c, size / 2 - 21)
    .stroke();
  const text = 'ỦY BAN NHÂN DÂN XÃ CẨM GIÀNG ★ TỈNH HẢI DƯƠNG ★ '.replace(/★/g, '*');
  const chars = Array.from(text); // NFC, one code point per letter
  const r = size / 2 - 15;
  doc.font('serif-bold').fontSize(9).fillColor(red);
  const total = chars.reduce((t, ch) => t + doc.widthOfString(ch) + 0.6, 0);
  let acc = 0;
  chars.forEach((ch) => {
    const cw = doc.widthOfString(ch) + 0.6;
    const a = -Math.PI / 2 + ((acc + cw / 2) / total) * 2 * Math.PI;
    acc += cw;
    doc.save();
    doc.translate(c + r * Math.cos(a), c + r * Math.sin(a));
    doc.rotate((a * 180) / Math.PI + 90);
    doc.text(ch, -cw / 2, -5, { lineBreak: false });
    doc.restore();
  });
  // the star and the centre's name
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? 14 : 5.6;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([c + rr * Math.cos(a), c - 14 + rr * Math.sin(a)]);
  }
  doc.polygon(...star).fill(red);
  doc.font('serif-bold').fontSize(6).fillColor(red);
  for (const [line, dy] of [
    ['TRUNG TÂM PHỤC VỤ', 4],
    ['HÀNH CHÍNH CÔNG', 12],
  ] as const)
    doc.text(line, c - doc.widthOfString(line) / 2, c + dy, { lineBreak: false });
  writeFileSync(join(tmp, 'seal.pdf'), await pdfToBuffer(doc));
  const w = Math.ceil(size + 4);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '300',
    '-singlefile',
    '-x',
    '0',
    '-y',
    '0',
    '-W',
    String(Math.ceil((w * 300) / 72)),
    '-H',
    String(Math.ceil((w * 300) / 72)),
    join(tmp, 'seal.pdf'),
    join(tmp, 'seal'),
  ]);
  transparent(join(tmp, 'seal.png'), join(out, 'seal.png'), [215, 25, 42], 1);
}

async function signature(): Promise<void> {
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: 'signature',
    margins: { top: 0, left: 0, right: 0, bottom: 0 },
  });
  const blue = '#1d3fbf';
  doc.lineWidth(2.2).strokeColor(blue).lineCap('round').lineJoin('round');
  doc
    .moveTo(12, 52)
    .bezierCurveTo(20, 10, 38, 8, 34, 40)
    .bezierCurveTo(30, 62, 18, 58, 30, 36)
    .bezierCurveTo(44, 14, 56, 20, 52, 44)
    .bezierCurveTo(50, 58, 62, 30, 74, 28)
    .bezierCurveTo(86, 26, 80, 50, 92, 44)
    .bezierCurveTo(104, 38, 110, 22, 126, 30)
    .bezierCurveTo(138, 36, 128, 52, 150, 40)
    .stroke();
  doc.lineWidth(1.6).moveTo(22, 62).bezierCurveTo(60, 54, 110, 56, 158, 50).stroke();
  writeFileSync(join(tmp, 'sig.pdf'), await pdfToBuffer(doc));
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '300',
    '-singlefile',
    '-x',
    '0',
    '-y',
    '0',
    '-W',
    String(Math.ceil((170 * 300) / 72)),
    '-H',
    String(Math.ceil((72 * 300) / 72)),
    join(tmp, 'sig.pdf'),
    join(tmp, 'sig'),
  ]);
  transparent(join(tmp, 'sig.png'), join(out, 'signature-director.png'), [29, 63, 191], 2);
}

await seal();
await signature();
console.log(`written to ${out}`);
