/**
 * Digital signatures and electronic certified copies through the real app: the director signs
 * form 04 with a SoftHSM token; pdfsig validates it; a certified copy is issued, numbered in the
 * book, signed and downloaded by the citizen with the receipt secret; a remote signature waits
 * for the phone across a restart of the app.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { pdfsig, pdfsigTampered } from '../support/pdfsig.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { seedImage } from '../../src/features/signing/index.ts';
import { createPdf, drawText, pageBody, pdfToBuffer } from '../../src/core/documents/pdf.ts';
import { makeSoftHsmToken, makeTestPki, softHsmAvailable } from '../../src/core/documents/signing/test-pki.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
/** A procedure that can be re-appointed (form 04): three working days, not same-day. */
const THREE_DAYS = CATALOG.find(
  (x) => x.timeLimit.unit === 'working_days' && x.timeLimit.amount === 3 && !x.sameDayEligible,
);
const dir = mkdtempSync(join(tmpdir(), 'motcua-signing-api-'));
const pki = makeTestPki(join(dir, 'pki'), { commonName: 'Nguyễn Văn Bình', organisation: 'UBND xã Thử Nghiệm' });
const token = softHsmAvailable() ? makeSoftHsmToken(pki) : null;
if (token) process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
const SEAL = readFileSync('data/demo/signing/seal.png');
const SIGNATURE = readFileSync('data/demo/signing/signature-director.png');

function multipart(
  auth: string,
  fields: Record<string, string>,
  file?: { bytes: Buffer; filename: string; type: string },
) {
  const boundary = '----sig' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${auth}` },
    payload: Buffer.concat(parts),
  };
}

async function scannedPdf(pages: number): Promise<Buffer> {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 'Bản chính' });
  for (let i = 0; i < pages; i++) {
    if (i) doc.addPage();
    const b = pageBody(doc);
    drawText(doc, `GIẤY KHAI SINH — trang ${String(i + 1)}`, b.left, b.top, b.width, { size: 16, align: 'center' });
  }
  return pdfToBuffer(doc);
}

/** A fake remote-signing service (docs/signing.md shape) that signs with the test key once "confirmed". */
function fakeRemote() {
  const key = createPrivateKey(readFileSync(pki.signer.keyPem));
  const txs = new Map<string, { hash: Buffer; confirmed: boolean }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const u = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && u.pathname === '/v1/certificate') {
        res.end(JSON.stringify({ certificates: [pki.signer.certDer.toString('base64')] }));
      } else if (req.method === 'POST' && u.pathname === '/v1/sign') {
        const b = JSON.parse(Buffer.concat(chunks).toString()) as { hash: string };
        const id = `tx-${String(txs.size + 1)}`;
        txs.set(id, { hash: Buffer.from(b.hash, 'base64'), confirmed: false });
        res.statusCode = 202;
        res.end(JSON.stringify({ transactionId: id, expiresAt: new Date(Date.now() + 300_000).toISOString() }));
      } else if (req.method === 'GET' && u.pathname.startsWith('/v1/sign/')) {
        const tx = txs.get(u.pathname.slice(9));
        if (!tx) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: 'not_found', message: 'unknown' } }));
          return;
        }
        if (!tx.confirmed) {
          res.end(JSON.stringify({ status: 'pending' }));
          return;
        }
        const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), tx.hash]);
        res.end(
          JSON.stringify({
            status: 'signed',
            signature: privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('base64'),
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  return { server, txs };
}

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

for (const { name, fresh } of DATABASES) {
  describe(`signing and certified copies (${name})`, { skip: !token }, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    const tokens: Record<string, string> = {};
    const users: Record<string, string> = {};
    const remote = fakeRemote();
    const api = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens[who] ?? ''}` },
        ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}),
      });

    before(async () => {
      t = await fresh();
      await new Promise<void>((r) => remote.server.listen(0, '127.0.0.1', r));
      const addr = remote.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      t.deps.config.signing = {
        pkcs12: { file: pki.p12File, password: pki.p12Password },
        pkcs11: token
          ? { module: token.module, tokenLabel: token.tokenLabel, keyId: token.keyId, pin: token.pin }
          : null,
        remote: { url: `http://127.0.0.1:${String(port)}`, token: 'secret-token', user: 'giamdoc' },
        tsa: null,
      };
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      otherSlug = (await makeCenter(t.deps)).slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const director = await makeUser(t.deps, c.id, ['director'], { fullName: 'Nguyễn Văn Bình' });
      for (const [role, u] of [
        ['director', director],
        ['receiver', await makeUser(t.deps, c.id, ['receiver'])],
        ['specialist', await makeUser(t.deps, c.id, ['specialist'], { fullName: 'Phạm Minh Đức' })],
      ] as const) {
        tokens[role] = await makeToken(t.deps, u.username);
        users[role] = u.username;
      }
      await seedImage(t.deps, c.id, 'seal', 0, SEAL, 40);
      await seedImage(t.deps, c.id, 'signature', director.id, SIGNATURE, 50);
    });
    after(async () => {
      await app.close();
      remote.server.close();
      await t.close();
    });

    test('health: every configured signer with its certificate; the receiver may not see it', async () => {
      const r = await api('GET', `/api/v1/centers/${slug}/signing/health`, 'director');
      assert.equal(r.statusCode, 200, r.body);
      const signers = r.json<{
        signers: { kind: string; configured: boolean; certificate: { commonName: string } | null; daysLeft: number }[];
      }>().signers;
      const p11 = signers.find((s) => s.kind === 'pkcs11');
      assert.ok(p11);
      assert.equal(p11.configured, true);
      assert.equal(p11.certificate?.commonName, 'Nguyễn Văn Bình');
      assert.ok(p11.daysLeft > 700);
      assert.equal((await api('GET', `/api/v1/centers/${slug}/signing/health`, 'receiver')).statusCode, 403);
      assert.equal(
        (await app.inject({ method: 'GET', url: `/api/v1/centers/${slug}/signing/health` })).statusCode,
        401,
      );
    });

    test('images: a transparent PNG is saved; a PNG without alpha or another file is refused; only managers set the seal', async () => {
      const { PNG } = await import('pngjs');
      const rgb = new PNG({ width: 4, height: 4, colorType: 2 });
      const opaque = PNG.sync.write(rgb, { colorType: 2 });
      const up = (who: string, kind: string, bytes: Buffer) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/centers/${slug}/signing/images`,
          ...multipart(tokens[who] ?? '', { kind, widthMm: '38' }, { bytes, filename: 'a.png', type: 'image/png' }),
        });
      assert.equal((await up('director', 'seal', opaque)).statusCode, 415);
      assert.equal((await up('director', 'seal', Buffer.from('not a png'))).statusCode, 415);
      assert.equal((await up('specialist', 'seal', SEAL)).statusCode, 403);
      const ok = await up('director', 'seal', SEAL);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ widthMm: number }>().widthMm, 38);
      assert.equal((await up('director', 'logo', SEAL)).statusCode, 400);
    });

    test('the director signs form 04 with the token: pdfsig says valid, names the signer, detects a changed byte; audited', async () => {
      const d = (
        await api('POST', `/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: THREE_DAYS?.code,
          applicant: { fullName: 'Trần Thị Bình', phone: '0987654321' },
        })
      ).json<{ code: string }>();
      // no form 04 before an apology: 404 with the form's reason
      const early = await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'director', {
        kind: 'form04',
        ref: d.code,
        signer: 'pkcs11',
      });
      assert.equal(early.statusCode, 404, early.body);
      assert.equal(
        (await api('POST', `/api/v1/dossiers/${d.code}/apologies`, 'specialist', { reason: 'Cần xác minh thêm' }))
          .statusCode,
        201,
      );
      const approved = await api('POST', `/api/v1/dossiers/${d.code}/apologies/approve`, 'director');
      assert.equal(approved.statusCode, 200, approved.body);
      const r = await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'director', {
        kind: 'form04',
        ref: d.code,
        signer: 'pkcs11',
      });
      assert.equal(r.statusCode, 201, r.body);
      const doc = r.json<{ id: number; status: string; href: string; level: string }>();
      assert.equal(doc.status, 'signed');
      assert.equal(doc.level, 'B-B');
      const file = await api('GET', doc.href, 'director');
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      const out = pdfsig(file.rawPayload);
      assert.match(out, /Signature Validation: Signature is Valid\./, out);
      assert.match(out, /Signer Certificate Common Name: Nguyễn Văn Bình/, out);
      assert.match(out, /Signature Type: ETSI\.CAdES\.detached/, out);
      assert.doesNotMatch(pdfsigTampered(file.rawPayload), /Signature is Valid/);
      // signature and seal images drawn in the page
      assert.ok((file.rawPayload.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length >= 2);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('action', '=', 'signing.sign')
        .execute();
      assert.ok(audit.some((a) => a.subject === `form04:${d.code}`));
      // bad input and access
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'receiver', {
            kind: 'form04',
            ref: d.code,
            signer: 'pkcs11',
          })
        ).statusCode,
        403,
      );
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'director', {
            kind: 'nope',
            ref: d.code,
            signer: 'pkcs11',
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'director', {
            kind: 'form04',
            ref: d.code,
            signer: 'usb',
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await api('POST', `/api/v1/centers/${otherSlug}/signing/documents`, 'director', {
            kind: 'form04',
            ref: d.code,
            signer: 'pkcs11',
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await api('GET', `/api/v1/centers/${slug}/signing/documents/999999/file`, 'director')).statusCode,
        404,
      );
    });

    test('remote signing: 202 pending, survives a restart of the app, completes when the phone confirms', async () => {
      const d = (
        await api('POST', `/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: THREE_DAYS?.code,
          applicant: { fullName: 'Lê Văn Cường', phone: '0987654322' },
        })
      ).json<{ code: string }>();
      await api('POST', `/api/v1/dossiers/${d.code}/apologies`, 'specialist', { reason: 'Chờ kết quả xác minh' });
      await api('POST', `/api/v1/dossiers/${d.code}/apologies/approve`, 'director');
      const r = await api('POST', `/api/v1/centers/${slug}/signing/documents`, 'director', {
        kind: 'form04',
        ref: d.code,
        signer: 'remote',
      });
      assert.equal(r.statusCode, 202, r.body);
      const id = r.json<{ id: number }>().id;
      assert.equal(
        (await api('GET', `/api/v1/centers/${slug}/signing/documents/${String(id)}`, 'director')).json<{
          status: string;
        }>().status,
        'pending',
      );
      // restart: a new app on the same database
      await app.close();
      app = await testApp(t);
      for (const tx of remote.txs.values()) tx.confirmed = true;
      const done = await api('GET', `/api/v1/centers/${slug}/signing/documents/${String(id)}`, 'director');
      assert.equal(done.json<{ status: string }>().status, 'signed', done.body);
      const file = await api('GET', `/api/v1/centers/${slug}/signing/documents/${String(id)}/file`, 'director');
      assert.match(pdfsig(file.rawPayload), /Signature Validation: Signature is Valid\./);
    });

    test('certified copy: numbered, fee by pages, signed; the citizen downloads it with the secret; the book lists it; flags set', async () => {
      const proc = CATALOG.find((p) => p.field === 'Chứng thực');
      assert.ok(proc);
      const intake = (
        await api('POST', `/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: proc.code,
          applicant: { fullName: 'Hoàng Thị Dung', phone: '0912345678' },
        })
      ).json<{ code: string; lookupSecret: string }>();
      const original = await scannedPdf(3);
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/certified-copies`,
        ...multipart(
          tokens.specialist ?? '',
          { dossierCode: intake.code, documentTitle: 'Giấy khai sinh', signer: 'pkcs12' },
          { bytes: original, filename: 'khai-sinh.pdf', type: 'application/pdf' },
        ),
      });
      assert.equal(r.statusCode, 201, r.body);
      const copy = r.json<{
        id: number;
        number: number;
        pages: number;
        fee: number;
        status: string;
        requester: string;
      }>();
      assert.equal(copy.number, 1);
      assert.equal(copy.pages, 3);
      assert.equal(copy.fee, 5000);
      assert.equal(copy.status, 'signed');
      assert.equal(copy.requester, 'Hoàng Thị Dung');
      const staff = await api('GET', `/api/v1/centers/${slug}/certified-copies/${String(copy.id)}/file`, 'specialist');
      const out = pdfsig(staff.rawPayload);
      assert.match(out, /Signature is Valid/, out);
      assert.match(out, /Total document signed/, out);
      // the citizen: right secret → the list and the file; wrong secret → the same answer as an unknown code
      const list = await app.inject({
        method: 'GET',
        url: `/${slug}/ban-sao-dien-tu?ma=${intake.code}&bi-mat=${intake.lookupSecret}`,
      });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Bản sao số 1\/\d{4} – Giấy khai sinh \(3 trang/);
      const pub = await app.inject({
        method: 'GET',
        url: `/${slug}/ban-sao-dien-tu/${String(copy.id)}.pdf?ma=${intake.code}&bi-mat=${intake.lookupSecret}`,
      });
      assert.equal(pub.statusCode, 200);
      assert.ok(pub.rawPayload.equals(staff.rawPayload));
      const wrong = await app.inject({
        method: 'GET',
        url: `/${slug}/ban-sao-dien-tu/${String(copy.id)}.pdf?ma=${intake.code}&bi-mat=XXXXXXXX`,
      });
      const unknown = await app.inject({
        method: 'GET',
        url: `/${slug}/ban-sao-dien-tu/${String(copy.id)}.pdf?ma=NOPE-000&bi-mat=XXXXXXXX`,
      });
      assert.equal(wrong.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      for (const r2 of [wrong, unknown]) {
        assert.match(r2.body, /Không tìm thấy hồ sơ với mã và mã tra cứu này/);
        assert.notEqual(r2.headers['content-type'], 'application/pdf');
      }
      const wrongPage = await app.inject({
        method: 'GET',
        url: `/${slug}/ban-sao-dien-tu?ma=${intake.code}&bi-mat=XXXXXXXX`,
      });
      assert.equal(wrongPage.statusCode, 404);
      assert.doesNotMatch(wrongPage.body, /Giấy khai sinh/);
      // the book
      const bookJson = await api('GET', `/api/v1/centers/${slug}/certified-copies`, 'specialist');
      assert.deepEqual(
        bookJson.json<{ items: { number: number }[] }>().items.map((i) => i.number),
        [1],
      );
      const xlsx = await api(
        'GET',
        `/api/v1/centers/${slug}/certified-copies/book/${String(new Date().getUTCFullYear())}.xlsx`,
        'specialist',
      );
      assert.equal(xlsx.statusCode, 200);
      const bookPdf = await api(
        'GET',
        `/api/v1/centers/${slug}/certified-copies/book/${String(new Date().getUTCFullYear())}.pdf`,
        'specialist',
      );
      assert.equal(bookPdf.statusCode, 200);
      assert.equal(bookPdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      // facts, not ticks: digitised and electronic result
      const dossier = await api('GET', `/api/v1/dossiers/${intake.code}`, 'receiver');
      const dv = dossier.json<{ flags: { digitised: boolean; electronicResult: boolean } }>();
      assert.equal(dv.flags.digitised, true);
      assert.equal(dv.flags.electronicResult, true);
      // bad input: no file, a text file, no title; the receiver may not certify
      const noFile = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/certified-copies`,
        ...multipart(tokens.specialist ?? '', { documentTitle: 'X', requester: 'A', signer: 'pkcs12' }),
      });
      assert.equal(noFile.statusCode, 400);
      const text = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/certified-copies`,
        ...multipart(
          tokens.specialist ?? '',
          { documentTitle: 'X', requester: 'A', signer: 'pkcs12' },
          { bytes: Buffer.from('hello'), filename: 'a.pdf', type: 'application/pdf' },
        ),
      });
      assert.equal(text.statusCode, 415);
      const forbidden = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/certified-copies`,
        ...multipart(
          tokens.receiver ?? '',
          { documentTitle: 'X', requester: 'A', signer: 'pkcs12' },
          { bytes: original, filename: 'a.pdf', type: 'application/pdf' },
        ),
      });
      assert.equal(forbidden.statusCode, 403);
    });

    test('the book stays gapless under concurrent issuance; an image original is one page', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/centers/${slug}/certified-copies`,
            ...multipart(
              tokens.specialist ?? '',
              { documentTitle: `Bằng tốt nghiệp ${String(i)}`, requester: 'Vũ Văn Em', signer: 'pkcs12' },
              { bytes: SEAL, filename: 'scan.png', type: 'image/png' },
            ),
          }),
        ),
      );
      for (const r of results) assert.equal(r.statusCode, 201, r.body);
      assert.ok(
        results.every(
          (r) => r.json<{ pages: number; fee: number }>().pages === 1 && r.json<{ fee: number }>().fee === 2000,
        ),
      );
      const numbers = (await api('GET', `/api/v1/centers/${slug}/certified-copies`, 'specialist'))
        .json<{ items: { number: number }[] }>()
        .items.map((i) => i.number);
      assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7]);
    });

    test('console pages: the director sees the signers and signs from the form; the specialist sees the book', async () => {
      assert.ok([302, 303, 401].includes((await app.inject({ method: 'GET', url: '/console/signing' })).statusCode));
      const s = await signIn(app, users.director ?? '', TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/signing', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="signer-health"/);
      assert.match(page.body, /CN=Nguyễn Văn Bình/);
      assert.match(page.body, /Phiếu xin lỗi và hẹn lại \(mẫu 04\)/);
      // a bad reference answers on the page with the reason, not a 500
      const bad = await app.inject({
        method: 'POST',
        url: '/console/signing',
        ...form(s, { kind: 'form04', ref: 'KHONG-CO', signer: 'pkcs12' }),
      });
      assert.equal(bad.statusCode, 404);
      assert.match(bad.body, /data-testid="errors"/);
      const sp = await signIn(app, users.specialist ?? '', TEST_PASSWORD);
      const book = await app.inject({ method: 'GET', url: '/console/certification', headers: { cookie: sp.cookie } });
      assert.equal(book.statusCode, 200);
      assert.match(book.body, /data-testid="certification-book"/);
      assert.match(book.body, /Giấy khai sinh/);
    });
  });
}
