/**
 * Signing through the running server's HTTP API (decision 052): the document to sign is rendered
 * and the PAdES signature made in the task pool's children — proved by the pool's count of the
 * tasks its children answered and by the modules this (the server's) process loaded — while the
 * rows, audits and access checks stay in the server. The signed PDF still verifies (poppler's
 * pdfsig); a signer's failure in a child still answers SIGNING_FAILED with its reason and leaves
 * the `signing.fail` audit row; a remote signature is prepared and finished in a child.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every module this process loads from here on (the modules below are imported after the hook).
const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});

const { makeDeps, start } = await import('../../src/main.ts');
const { SYSTEM_ACTOR } = await import('../../src/core/auth/access.ts');
const { taskPoolOf } = await import('../../src/features/tasks.ts');
const { readCatalogFile } = await import('../../src/features/catalog/import-file.ts');
const { loadInitialCatalog } = await import('../../src/features/catalog/service.ts');
const { seedImage } = await import('../../src/features/signing/index.ts');
const { DATABASES, testConfig } = await import('../support/db.ts');
const { makeCenter, makeToken, makeUser } = await import('../support/factories.ts');
const { pdfsig } = await import('../support/pdfsig.ts');
const { makeSoftHsmToken, makeTestPki, softHsmAvailable, SOFTHSM_MODULE } =
  await import('../../src/core/documents/signing/test-pki.ts');

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const THREE_DAYS = CATALOG.find(
  (x) => x.timeLimit.unit === 'working_days' && x.timeLimit.amount === 3 && !x.sameDayEligible,
);
/** Libraries and modules of the signing and rendering work that must stay out of the server. */
const HEAVY =
  /\/node_modules\/(@signpdf\/[^/]+|@cantoo\/pdf-lib|node-forge|pdfkit|fontkit)\/|\/src\/core\/documents\/signing\/(pades|stamp|pkcs12|pkcs11)\.ts$|\/(dossiers\/forms\/forms|certification\/render)\.ts$/;

const root = mkdtempSync(join(tmpdir(), 'motcua-signing-pool-'));
test.after(() => {
  rmSync(root, { recursive: true, force: true });
});
const pki = makeTestPki(join(root, 'pki'), { commonName: 'Nguyễn Văn Bình', organisation: 'UBND xã Thử Nghiệm' });
// A SoftHSM token when SoftHSM is installed (CI installs it); the pool's children inherit SOFTHSM2_CONF.
const token = softHsmAvailable() ? makeSoftHsmToken(pki) : null;
if (token) process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;

/**
 * A remote-signing service (docs/signing.md shape) that signs with the test key once confirmed;
 * with `corrupt` set, it answers a signature that does not match (a faulty gateway).
 */
function fakeRemote(keyPem: string, certDer: Buffer) {
  const key = createPrivateKey(readFileSync(keyPem));
  const txs = new Map<string, { hash: Buffer; confirmed: boolean }>();
  const state = { corrupt: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const tx = txs.get(path.slice(9));
      if (req.method === 'GET' && path === '/v1/certificate') {
        res.end(JSON.stringify({ certificates: [certDer.toString('base64')] }));
      } else if (req.method === 'POST' && path === '/v1/sign') {
        const id = `tx-${String(txs.size + 1)}`;
        const hash = Buffer.from((JSON.parse(Buffer.concat(chunks).toString()) as { hash: string }).hash, 'base64');
        txs.set(id, { hash, confirmed: false });
        res.statusCode = 202;
        res.end(JSON.stringify({ transactionId: id, expiresAt: new Date(Date.now() + 300_000).toISOString() }));
      } else if (tx && !tx.confirmed) res.end(JSON.stringify({ status: 'pending' }));
      else if (tx) {
        const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), tx.hash]);
        const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
        if (state.corrupt) signature.writeUInt8(signature.readUInt8(0) ^ 0x01, 0);
        res.end(JSON.stringify({ status: 'signed', signature: signature.toString('base64') }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  return { server, txs, state };
}

for (const { name, fresh } of DATABASES) {
  test(`signing through the HTTP API renders and signs in the task pool, never in the server (${name})`, async () => {
    const dir = mkdtempSync(join(root, `${name}-`));
    const remote = fakeRemote(pki.signer.keyPem, pki.signer.certDer);
    await new Promise<void>((ok) => remote.server.listen(0, '127.0.0.1', ok));
    const addr = remote.server.address();
    const t = await fresh();
    const config = testConfig({
      DATA_DIR: dir,
      DATABASE_URL: t.config.databaseUrl,
      DEMO: 'off',
      SIGN_P12_FILE: pki.p12File,
      SIGN_P12_PASSWORD: pki.p12Password,
      // Without SoftHSM, a token that is not there: the child's pkcs11-tool fails, as an unplugged token does.
      SIGN_PKCS11_MODULE: token?.module ?? SOFTHSM_MODULE,
      SIGN_PKCS11_TOKEN: token?.tokenLabel ?? 'no-such-token',
      SIGN_PKCS11_KEY_ID: token?.keyId ?? '01',
      SIGN_PKCS11_PIN: token?.pin ?? '0000',
      SIGN_REMOTE_URL: `http://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`,
      SIGN_REMOTE_USER: 'giamdoc',
      SIGN_REMOTE_TOKEN: 'secret-token',
    });
    try {
      const r = await start(config, { quiet: true });
      try {
        const deps = makeDeps(config, r.database, quiet);
        const pool = taskPoolOf(deps);
        assert.ok(pool, 'the server started a task pool');
        const ran = (task: string) => pool.answered.get(task) ?? 0;
        const c = await makeCenter(deps);
        await loadInitialCatalog(deps, SYSTEM_ACTOR, c.slug, 'test', CATALOG);
        const director = await makeUser(deps, c.id, ['director'], { fullName: 'Nguyễn Văn Bình' });
        const receiver = await makeUser(deps, c.id, ['receiver']);
        const specialist = await makeUser(deps, c.id, ['specialist']);
        await seedImage(deps, c.id, 'seal', 0, readFileSync('data/demo/signing/seal.png'), 40);
        const signature = readFileSync('data/demo/signing/signature-director.png');
        await seedImage(deps, c.id, 'signature', director.id, signature, 50);
        const tokens = {
          director: await makeToken(deps, director.username),
          receiver: await makeToken(deps, receiver.username),
          specialist: await makeToken(deps, specialist.username),
        };
        const api = async (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: object) => {
          const res = await fetch(`${r.url}${url}`, {
            method,
            headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
            ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
          });
          return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
        };
        const json = (x: { bytes: Buffer }): unknown => JSON.parse(x.bytes.toString());
        const sign = (ref: string, signer: string) =>
          api('director', 'POST', `/api/v1/centers/${c.slug}/signing/documents`, { kind: 'form04', ref, signer });

        // A dossier re-appointed: form 04 exists once the apology is approved.
        const d = json(
          await api('receiver', 'POST', `/api/v1/centers/${c.slug}/dossiers`, {
            procedureCode: THREE_DAYS?.code,
            applicant: { fullName: 'Trần Thị Bình', phone: '0987654321' },
          }),
        ) as { code: string };
        // Before the apology the child's renderer answers 404 with the form's reason, code and details kept.
        const early = await sign(d.code, 'pkcs12');
        assert.equal(early.status, 404, early.bytes.toString());
        assert.ok((json(early) as { error: { details?: unknown[] } }).error.details?.length, 'the reason crossed');
        const apology = { reason: 'Cần xác minh thêm' };
        assert.equal((await api('specialist', 'POST', `/api/v1/dossiers/${d.code}/apologies`, apology)).status, 201);
        assert.equal((await api('director', 'POST', `/api/v1/dossiers/${d.code}/apologies/approve`)).status, 200);

        // PKCS#12: rendered and signed by children; the row, the file and the audit by the server.
        const before = { render: ran('signableDocument'), sign: ran('signPdfWithKey') };
        const signed = await sign(d.code, 'pkcs12');
        assert.equal(signed.status, 201, signed.bytes.toString());
        const doc = json(signed) as { status: string; level: string; href: string };
        assert.equal(doc.status, 'signed');
        assert.equal(doc.level, 'B-B');
        assert.equal(ran('signableDocument'), before.render + 1, 'form 04 was rendered by a child');
        assert.equal(ran('signPdfWithKey'), before.sign + 1, 'the PAdES signature was made by a child');
        const file = await api('director', 'GET', doc.href);
        assert.equal(file.status, 200);
        const verdict = pdfsig(file.bytes);
        assert.match(verdict, /Signature Validation: Signature is Valid\./, verdict);
        assert.match(verdict, /Signer Certificate Common Name: Nguyễn Văn Bình/, verdict);
        assert.match(verdict, /Signature Type: ETSI\.CAdES\.detached/, verdict);
        assert.ok((file.bytes.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length >= 2, 'seal and signature');

        // A certified copy of a PDF original: pages counted, copy rendered and signed by children,
        // the book's number taken and the rows written in the server's transaction.
        const copyTasks = ['certifiedCopyPages', 'certifiedCopyPdf', 'signPdfWithKey'].map(ran);
        const boundary = '----copy' + String(Date.now());
        const field = (k: string, v: string) =>
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
        const copyRes = await fetch(`${r.url}/api/v1/centers/${c.slug}/certified-copies`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.specialist}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          body: Buffer.concat([
            field('documentTitle', 'Phiếu hẹn'),
            field('requester', 'Trần Thị Bình'),
            field('signer', 'pkcs12'),
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-chinh.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
            ),
            file.bytes,
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]),
        });
        const copyBody = await copyRes.text();
        assert.equal(copyRes.status, 201, copyBody);
        const copy = JSON.parse(copyBody) as { id: number; status: string; number: number };
        assert.equal(copy.status, 'signed');
        assert.deepEqual(
          ['certifiedCopyPages', 'certifiedCopyPdf', 'signPdfWithKey'].map(ran),
          copyTasks.map((n) => n + 1),
          'the copy was counted, rendered and signed by children',
        );
        const copyFile = await api(
          'specialist',
          'GET',
          `/api/v1/centers/${c.slug}/certified-copies/${String(copy.id)}/file`,
        );
        assert.match(pdfsig(copyFile.bytes), /Signature Validation: Signature is Valid\./);

        // PKCS#11: the token driven by a child (pkcs11-tool); without SoftHSM, the child's failure
        // keeps its code and reason and is audited here.
        const byToken = ran('signPdfWithKey');
        const viaToken = await sign(d.code, 'pkcs11');
        if (token) {
          assert.equal(viaToken.status, 201, viaToken.bytes.toString());
          assert.equal(ran('signPdfWithKey'), byToken + 1, 'the token signed through a child');
          const tokenFile = await api('director', 'GET', (json(viaToken) as { href: string }).href);
          assert.match(pdfsig(tokenFile.bytes), /Signature Validation: Signature is Valid\./);
        } else {
          assert.equal(viaToken.status, 502, viaToken.bytes.toString());
          const error = (json(viaToken) as { error: { code: string; details?: { messageVi: string }[] } }).error;
          assert.equal(error.code, 'SIGNING_FAILED');
          assert.match(error.details?.[0]?.messageVi ?? '', /Thiết bị ký số \(token\) không ký được/);
        }

        // Remote: prepared by a child (202 pending), finished by a child once the phone confirms.
        const prepared = ran('signPdfPrepare');
        const pending = await sign(d.code, 'remote');
        assert.equal(pending.status, 202, pending.bytes.toString());
        assert.equal(ran('signPdfPrepare'), prepared + 1, 'the placeholder PDF was prepared by a child');
        for (const tx of remote.txs.values()) tx.confirmed = true;
        const doc2 = `/api/v1/centers/${c.slug}/signing/documents/${String((json(pending) as { id: number }).id)}`;
        const done = await api('director', 'GET', doc2);
        assert.equal((json(done) as { status: string }).status, 'signed', done.bytes.toString());
        assert.ok(ran('signPdfFinish') >= 1, 'the signature was put into the PDF by a child');
        assert.match(pdfsig((await api('director', 'GET', `${doc2}/file`)).bytes), /Signature is Valid\./);

        // A faulty gateway: the child's check of the signature fails; the row fails with the reason, audited.
        remote.state.corrupt = true;
        const bad = await sign(d.code, 'remote');
        assert.equal(bad.status, 202, bad.bytes.toString());
        for (const tx of remote.txs.values()) tx.confirmed = true;
        const badDoc = `/api/v1/centers/${c.slug}/signing/documents/${String((json(bad) as { id: number }).id)}`;
        const refused = json(await api('director', 'GET', badDoc)) as { status: string; error: string | null };
        assert.equal(refused.status, 'failed');
        assert.match(refused.error ?? '', /^SIGNING_FAILED: .*does not match the signer's certificate/);
        const audits = await deps.db
          .selectFrom('audit_log')
          .select(['action', 'subject', 'detail'])
          .where('center_id', '=', c.id)
          .where('action', 'in', ['signing.sign', 'signing.fail'])
          .execute();
        assert.ok(audits.some((x) => x.action === 'signing.sign' && x.subject === `form04:${d.code}`));
        const fails = audits.filter((x) => x.action === 'signing.fail').map((x) => x.detail ?? '');
        assert.ok(
          fails.some((x) => /"signer":"remote".*SIGNING_FAILED.*does not match/.test(x)),
          fails.join('\n'),
        );
        if (!token)
          assert.ok(
            fails.some((x) => /"signer":"pkcs11".*SIGNING_FAILED/.test(x)),
            fails.join('\n'),
          );

        // The signers' health: certificates read by a child (the PKCS#12 file opened there), the token's failure shown.
        const health = await api('director', 'GET', `/api/v1/centers/${c.slug}/signing/health`);
        assert.equal(health.status, 200, health.bytes.toString());
        const signers = (
          json(health) as {
            signers: { kind: string; certificate: { commonName: string } | null; error: { vi: string } | null }[];
          }
        ).signers;
        for (const kind of token ? ['pkcs12', 'pkcs11', 'remote'] : ['pkcs12', 'remote'])
          assert.equal(signers.find((x) => x.kind === kind)?.certificate?.commonName, 'Nguyễn Văn Bình', kind);
        if (!token) assert.match(signers.find((x) => x.kind === 'pkcs11')?.error?.vi ?? '', /token/);
        assert.ok(ran('signerCertificates') >= 1, 'the certificates were read by a child');

        const heavy = [...loaded].filter((u) => HEAVY.test(u));
        assert.deepEqual(heavy, [], 'signing and rendering modules loaded by the server');
      } finally {
        await r.stop();
      }
    } finally {
      remote.server.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
