/** Small real files for upload tests: a valid one-page PDF and a PNG. */
import { PNG } from 'pngjs';

/** A minimal valid one-page PDF (correct xref offsets); `label` makes distinct contents. */
export function minimalPdf(label = 'test'): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = `%PDF-1.4\n% ${label}\n`;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A small PNG; different `shade` values give different contents. */
export function smallPng(shade = 200, size = 2): Buffer {
  const p = new PNG({ width: size, height: size });
  p.data.fill(shade);
  return PNG.sync.write(p);
}
