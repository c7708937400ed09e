import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdf, drawText, mm, pageBody, pdfToBuffer } from '../pdf.ts';
import { ROOT } from '../../paths.ts';
import { markSignatureBox } from './box.ts';
import { finish, prepare, signPdf } from './pades.ts';
import { Pkcs12Signer } from './pkcs12.ts';
import { Pkcs11Signer } from './pkcs11.ts';
import { RemoteSigner } from './remote.ts';
import { makeSoftHsmToken, makeTestPki, makeTestTsa, softHsmAvailable, tsaReply } from './test-pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'motcua-sign-'));
test.after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const pki = makeTestPki(join(dir, 'pki'), { commonName: 'Nguyễn Văn Bình', organisation: 'UBND xã Cẩm Giàng' });
const images = {
  signature: readFileSync(join(ROOT, 'data/demo/signing/signature-director.png')),
  seal: readFileSync(join(ROOT, 'data/demo/signing/seal.png')),
  sealMm: 40,
};

/** A one-page document with a Decree 30 signature block and its marked gap. */
async function samplePdf(): Promise<Buffer> {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 'Thư chia buồn' });
  const b = pageBody(doc);
  drawText(doc, 'Kính gửi: Gia đình Ông Trần Văn An', b.left, b.top, b.width, { size: 14, align: 'center' });
  const x = b.left + b.width * 0.45;
  const w = b.width * 0.55;
  let y = b.top + mm(120);
  y += drawText(doc, 'KT. GIÁM ĐỐC', x, y, w, { font: 'serif-bold', size: 14, align: 'center' });
  y += drawText(doc, 'PHÓ GIÁM ĐỐC', x, y, w, { font: 'serif-bold', size: 14, align: 'center' });
  markSignatureBox(doc, { x, y, width: w, height: 72 });
  y += 72;
  drawText(doc, 'Nguyễn Văn Bình', x, y, w, { font: 'serif-bold', size: 14, align: 'center' });
  return pdfToBuffer(doc);
}

interface PdfSig {
  status: number;
  out: string;
}
function pdfsig(pdf: Buffer, name: string): PdfSig {
  const f = join(dir, name);
  writeFileSync(f, pdf);
  const r = spawnSync('pdfsig', [f], { encoding: 'utf8' });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function assertValid(pdf: Buffer, name: string): string {
  const r = pdfsig(pdf, name);
  assert.match(r.out, /Signature Validation: Signature is Valid\./, r.out);
  assert.match(r.out, /Signer Certificate Common Name: Nguyễn Văn Bình/, r.out);
  assert.match(r.out, /Signature Type: ETSI\.CAdES\.detached/, r.out);
  assert.match(r.out, /Total document signed/, r.out);
  // a byte changed afterwards inside the signed range is detected
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf('/Title') + 2;
  tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
  const t = pdfsig(tampered, `${name}-tampered.pdf`);
  assert.doesNotMatch(t.out, /Signature is Valid/, t.out);
  assert.match(t.out, /Signature Validation: (Digest Mismatch|Signature is Invalid)/, t.out);
  return r.out;
}

// The test certificate is valid from the moment makeTestPki made it: sign a few seconds later (the fixed
// 2026-12-07T03:04:05Z used before fell outside it once the suite ran after that instant).
const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5_000);
const two = (n: number) => String(n).padStart(2, '0');
/** How pdfsig prints `at` (local time; the hour is left open). */
const pdfsigTime = `${at.toLocaleString('en-US', { month: 'short' })} ${two(at.getDate())} ${String(at.getFullYear())} \\d\\d:${two(at.getMinutes())}:${two(at.getSeconds())}`;
const request = { name: 'Nguyễn Văn Bình', reason: 'Ký số văn bản', location: 'Cẩm Giàng', signingTime: at, images };

test('PKCS#12: PAdES B-B that pdfsig validates, the signer named, a changed byte detected, images drawn', async () => {
  const signer = new Pkcs12Signer({ file: pki.p12File, password: pki.p12Password });
  const r = await signPdf(await samplePdf(), signer, request);
  assert.equal(r.level, 'B-B');
  assert.equal(r.stamped, 1);
  assert.equal(r.certificate.commonName, 'Nguyễn Văn Bình');
  const out = assertValid(r.pdf, 'p12.pdf');
  assert.match(out, new RegExp(`Signing Time: ${pdfsigTime}`), out);
  // the two images are in the page (the signature and the seal XObjects)
  assert.equal((r.pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length >= 2, true);
});

test('PKCS#12: a wrong password is a clear error', () => {
  assert.throws(() => new Pkcs12Signer({ file: pki.p12File, password: 'wrong' }), /PKCS#12/);
});

test('an expired certificate is refused', async () => {
  const signer = new Pkcs12Signer({ file: pki.p12File, password: pki.p12Password });
  await assert.rejects(
    signPdf(await samplePdf(), signer, { ...request, signingTime: new Date('2040-01-01T00:00:00Z') }),
    {
      reason: 'certificate_expired',
    },
  );
});

test(
  'PKCS#11 (SoftHSM token through pkcs11-tool): valid signature; a wrong PIN fails cleanly',
  { skip: !softHsmAvailable() },
  async () => {
    const token = makeSoftHsmToken(pki);
    const signer = new Pkcs11Signer(token);
    const r = await signPdf(await samplePdf(), signer, request);
    assertValid(r.pdf, 'p11.pdf');
    await assert.rejects(signPdf(await samplePdf(), new Pkcs11Signer({ ...token, pin: '000000' }), request), {
      reason: 'pkcs11',
    });
  },
);

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? `http://127.0.0.1:${String(a.port)}` : '');
    });
  });
}

test('B-T: with a time-stamp authority the signature carries an RFC 3161 token', async () => {
  const tsa = makeTestTsa(pki);
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      res.setHeader('content-type', 'application/timestamp-reply');
      res.end(tsaReply(pki, tsa, Buffer.concat(chunks)));
    });
  });
  const url = await listen(server);
  try {
    const signer = new Pkcs12Signer({ file: pki.p12File, password: pki.p12Password });
    const r = await signPdf(await samplePdf(), signer, { ...request, signingTime: new Date(), tsa: { url } });
    assert.equal(r.level, 'B-T');
    assert.equal(calls, 1);
    assertValid(r.pdf, 'bt.pdf');
    // the token is in the CMS: the TSA's name appears in the signature's bytes (hex in /Contents)
    const hex = /\/Contents <([0-9a-f]+)>/.exec(r.pdf.toString('latin1'))?.[1] ?? '';
    assert.ok(Buffer.from(hex, 'hex').includes(Buffer.from('Test TSA')), 'TSA certificate in the CMS');
  } finally {
    server.close();
  }
});

test('remote signing: request, pending, then signed — completed from the stored placeholder PDF', async () => {
  const key = createPrivateKey(readFileSync(pki.signer.keyPem));
  const pending = new Map<string, { hash: Buffer; confirmed: boolean }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Bearer t0ken') {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }));
        return;
      }
      const u = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && u.pathname === '/v1/certificate') {
        res.end(
          JSON.stringify({ certificates: [pki.signer.certDer.toString('base64'), pki.ca.certDer.toString('base64')] }),
        );
      } else if (req.method === 'POST' && u.pathname === '/v1/sign') {
        const b = JSON.parse(Buffer.concat(chunks).toString()) as { hash: string };
        const id = `tx${String(pending.size + 1)}`;
        pending.set(id, { hash: Buffer.from(b.hash, 'base64'), confirmed: false });
        res.statusCode = 202;
        res.end(JSON.stringify({ transactionId: id, expiresAt: new Date(Date.now() + 300_000).toISOString() }));
      } else if (req.method === 'GET' && u.pathname.startsWith('/v1/sign/')) {
        const p = pending.get(u.pathname.slice(9));
        if (!p) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: 'not_found', message: 'unknown' } }));
        } else if (!p.confirmed) {
          res.end(JSON.stringify({ status: 'pending' }));
        } else {
          // RSASSA-PKCS1-v1_5 over DigestInfo(SHA-256, hash): sign the hash with a null digest
          const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), p.hash]);
          const sig = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
          res.end(JSON.stringify({ status: 'signed', signature: sig.toString('base64') }));
        }
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  const url = await listen(server);
  try {
    const remote = new RemoteSigner({ url, token: 't0ken', user: 'director@camgiang' });
    const certs = await remote.certificates();
    const p = await prepare(await samplePdf(), certs, request);
    const { transactionId } = await remote.request(p.signedAttrs, {
      documentName: 'thu.pdf',
      description: 'Thư chia buồn',
    });
    assert.deepEqual(await remote.status(transactionId), { status: 'pending' });
    // "restart": only the stored bytes go on
    const stored = {
      pdf: Buffer.from(p.pdf),
      signedAttrs: Buffer.from(p.signedAttrs),
      certificates: certs.map((c) => Buffer.from(c)),
    };
    const tx = pending.get(transactionId);
    assert.ok(tx);
    tx.confirmed = true;
    const s = await remote.status(transactionId);
    if (s.status !== 'signed') assert.fail(`not signed: ${s.status}`);
    const done = await finish(stored, s.signature);
    assertValid(done.pdf, 'remote.pdf');
    // a signature that does not belong to the certificate is refused
    await assert.rejects(finish(stored, Buffer.alloc(256, 1)), { reason: 'bad_signature' });
    await assert.rejects(new RemoteSigner({ url, token: 'bad', user: 'x' }).certificates(), { reason: 'remote' });
  } finally {
    server.close();
  }
});
