/** poppler's pdfsig on a signed PDF: the verdict a reader's software would give (tests only). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdfsig-'));
  try {
    const f = join(dir, 'doc.pdf');
    writeFileSync(f, pdf);
    const r = spawnSync('pdfsig', [f], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfsig after flipping one bit inside the signed byte range (the document's /Title). */
export function pdfsigTampered(pdf: Buffer): string {
  const t = Buffer.from(pdf);
  const at = t.indexOf('/Title') + 2;
  t.writeUInt8(t.readUInt8(at) ^ 0x01, at);
  return pdfsig(t);
}
