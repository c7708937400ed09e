/**
 * Signing throughput (issue 14): form 04 rendered unsigned (the baseline, same run), then the
 * same render signed PAdES B-B with the PKCS#12 file and with a SoftHSM token (pkcs11-tool
 * subprocess), sequentially in one process — what one director's click costs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdf, drawText, mm, pageBody, pdfToBuffer } from '../src/core/documents/pdf.ts';
import { markSignatureBox } from '../src/core/documents/signing/box.ts';
import { signPdf } from '../src/core/documents/signing/pades.ts';
import { Pkcs12Signer } from '../src/core/documents/signing/pkcs12.ts';
import { Pkcs11Signer } from '../src/core/documents/signing/pkcs11.ts';
import { makeSoftHsmToken, makeTestPki, softHsmAvailable } from '../src/core/documents/signing/test-pki.ts';
import type { KeySigner } from '../src/core/documents/signing/types.ts';
import { ROOT } from '../src/core/paths.ts';

export interface SigningBench {
  seconds: number;
  unsigned: { perSecond: number; meanMs: number; bytes: number };
  pkcs12: { perSecond: number; meanMs: number; bytes: number };
  pkcs11: { perSecond: number; meanMs: number; bytes: number } | null;
}

/** A one-page Decree 30 letter with a marked signature block (like form 04 and the letters). */
async function render(i: number): Promise<Buffer> {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: `Thư chia buồn ${String(i)}` });
  const b = pageBody(doc);
  let y = b.top;
  for (let k = 0; k < 12; k++)
    y += drawText(
      doc,
      `Đoạn ${String(k + 1)}: Trung tâm Phục vụ hành chính công xã Cẩm Giàng xin gửi lời chia buồn sâu sắc nhất tới gia đình.`,
      b.left,
      y,
      b.width,
      { size: 14, align: 'justify' },
    );
  const x = b.left + b.width * 0.45;
  const w = b.width * 0.55;
  y += mm(10);
  y += drawText(doc, 'GIÁM ĐỐC', x, y, w, { font: 'serif-bold', size: 14, align: 'center' });
  markSignatureBox(doc, { x, y, width: w, height: 72 });
  drawText(doc, 'Nguyễn Thị Hà', x, y + 72, w, { font: 'serif-bold', size: 14, align: 'center' });
  return pdfToBuffer(doc);
}

async function loop(seconds: number, fn: (i: number) => Promise<Buffer>) {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const t0 = performance.now();
  let n = 0;
  let bytes = 0;
  while (performance.now() - t0 < seconds * 1000) bytes = (await fn(n++)).length;
  const ms = performance.now() - t0;
  return { perSecond: (n * 1000) / ms, meanMs: ms / n, bytes };
}

export async function runSigningBench(seconds: number): Promise<SigningBench> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-sign-'));
  try {
    const pki = makeTestPki(join(dir, 'pki'), {
      commonName: 'Nguyễn Thị Hà',
      organisation: 'UBND xã Cẩm Giàng (TEST)',
    });
    const images = {
      signature: readFileSync(join(ROOT, 'data/demo/signing/signature-director.png')),
      seal: readFileSync(join(ROOT, 'data/demo/signing/seal.png')),
      sealMm: 40,
    };
    const sign = (signer: KeySigner) => async (i: number) =>
      (
        await signPdf(await render(i), signer, {
          name: 'Nguyễn Thị Hà',
          reason: 'Ký số',
          location: 'Cẩm Giàng',
          signingTime: new Date(),
          images,
        })
      ).pdf;
    const unsigned = await loop(seconds, render);
    const pkcs12 = await loop(seconds, sign(new Pkcs12Signer({ file: pki.p12File, password: pki.p12Password })));
    let pkcs11: SigningBench['pkcs11'] = null;
    if (softHsmAvailable()) {
      const token = makeSoftHsmToken(pki);
      pkcs11 = await loop(seconds, sign(new Pkcs11Signer(token)));
    }
    return { seconds, unsigned, pkcs12, pkcs11 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
