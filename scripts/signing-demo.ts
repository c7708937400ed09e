/**
 * The issue-14 walk-through on the demo, over real HTTP as a new user would: a test SoftHSM token,
 * the product started on a fresh demo database, the director (giamdoc) signs form 04 and a
 * condolence letter from /console/signing, the justice officer (tuphap) issues an electronic
 * certified copy from /console/certification, the citizen downloads it from /cam-giang/ban-sao-dien-tu
 * with the receipt secret. Writes the PDFs, pdfsig's verdicts and PNG renders to the output folder.
 *
 *   node bin/run.mjs scripts/signing-demo.ts [output folder]   (default test-output/signing-demo)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { loadConfig } from '../src/config.ts';
import { start } from '../src/main.ts';
import { makeSoftHsmToken, makeTestPki } from '../src/core/documents/signing/test-pki.ts';

const out = resolve(process.argv[2] ?? 'test-output/signing-demo');
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'motcua-signing-demo-'));
const pki = makeTestPki(join(tmp, 'pki'), { commonName: 'Nguyễn Thị Hà', organisation: 'UBND xã Cẩm Giàng (TEST)' });
const token = makeSoftHsmToken(pki, 'motcua-demo', '123456');
process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
const config = loadConfig({
  DATA_DIR: join(tmp, 'data'),
  PORT: '0',
  HOST: '127.0.0.1',
  DEMO: 'auto',
  LOG_LEVEL: 'silent',
  NOTIFY_INTERVAL_SECONDS: '0',
  SIGN_PKCS11_MODULE: token.module,
  SIGN_PKCS11_TOKEN: token.tokenLabel,
  SIGN_PKCS11_KEY_ID: token.keyId,
  SIGN_PKCS11_PIN: token.pin,
  SIGN_P12_FILE: pki.p12File,
  SIGN_P12_PASSWORD: pki.p12Password,
});
const running = await start(config, { quiet: true });
const base = running.url;

function cookieOf(res: Response, name: string): string {
  const m = new RegExp(`${name}=([^;]+)`).exec(res.headers.getSetCookie().join('\n'));
  return m?.[1] ?? '';
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/console/login`);
  const lc = cookieOf(page, 'mc_login_csrf');
  const res = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `mc_login_csrf=${lc}` },
    body: new URLSearchParams({
      _csrf: csrfOf(await page.text()),
      username,
      password: 'camgiang-demo-2026',
    }).toString(),
  });
  const cookie = `mc_session=${cookieOf(res, 'mc_session')}`;
  const c = await fetch(`${base}/console/signing`, { headers: { cookie } });
  return { cookie, csrf: csrfOf(await c.text()) };
}

function save(name: string, pdf: Buffer): void {
  writeFileSync(join(out, `${name}.pdf`), pdf);
  const sig = spawnSync('pdfsig', [join(out, `${name}.pdf`)], { encoding: 'utf8' });
  writeFileSync(join(out, `${name}.pdfsig.txt`), `${sig.stdout}${sig.stderr}`);
  execFileSync('pdftoppm', ['-png', '-r', '80', join(out, `${name}.pdf`), join(out, name)]);
  console.log(
    `${name}: ${/Signature Validation: (.*)/.exec(sig.stdout)?.[1] ?? 'no signature'}; ${/Signer Certificate Common Name: (.*)/.exec(sig.stdout)?.[1] ?? ''}`,
  );
}

try {
  const dbFile = config.databaseUrl.replace(/^sqlite:/, '');
  const db = new DatabaseSync(dbFile, { readOnly: true });
  const apology = db
    .prepare(
      "SELECT d.code FROM apology a JOIN dossier d ON d.id = a.dossier_id WHERE a.status = 'approved' ORDER BY a.id DESC LIMIT 1",
    )
    .get() as { code: string } | undefined;
  const letter = db
    .prepare("SELECT id FROM courtesy_letter WHERE kind = 'condolence' AND status <> 'declined' ORDER BY id LIMIT 1")
    .get() as { id: number } | undefined;
  const certDossier = db
    .prepare(
      "SELECT d.code, d.lookup_secret FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE p.code = '2.000815' ORDER BY d.id DESC LIMIT 1",
    )
    .get() as { code: string; lookup_secret: string } | undefined;
  db.close();
  console.log(
    `form 04 of ${apology?.code ?? '?'}, condolence letter #${String(letter?.id ?? '?')}, certification dossier ${certDossier?.code ?? '?'}`,
  );

  const director = await login('giamdoc');
  // the letter gets its number when it is printed (from its console page)
  const printed = await fetch(`${base}/console/letters/${String(letter?.id ?? '')}/print`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: director.cookie },
    body: new URLSearchParams({ _csrf: director.csrf }).toString(),
  });
  console.log(`letter printed: HTTP ${String(printed.status)}`);
  for (const [name, kind, ref] of [
    ['form04', 'form04', apology?.code ?? ''],
    ['condolence-letter', 'letter', String(letter?.id ?? '')],
  ] as const) {
    const res = await fetch(`${base}/console/signing`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: director.cookie },
      body: new URLSearchParams({ _csrf: director.csrf, kind, ref, signer: 'pkcs11' }).toString(),
    });
    const loc = res.headers.get('location') ?? '';
    if (res.status !== 303) throw new Error(`${name}: ${String(res.status)} ${(await res.text()).slice(0, 2000)}`);
    const page = await (await fetch(`${base}${loc}`, { headers: { cookie: director.cookie } })).text();
    const href =
      /data-testid="signed-download"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*data-testid="signed-download"/.exec(page);
    const file = await fetch(`${base}${href?.[1] ?? href?.[2] ?? ''}`, { headers: { cookie: director.cookie } });
    save(name, Buffer.from(await file.arrayBuffer()));
  }

  // the justice officer certifies a copy of a scanned original (the demo's seal PNG stands in for a scan)
  const officer = await login('tuphap');
  const fd = new FormData();
  fd.set('_csrf', officer.csrf);
  fd.set('dossierCode', certDossier?.code ?? '');
  fd.set('documentTitle', 'Giấy khai sinh');
  fd.set('signer', 'pkcs12');
  fd.set('file', new Blob([readFileSync('data/demo/signing/seal.png')], { type: 'image/png' }), 'ban-chinh.png');
  const issued = await fetch(`${base}/console/certification`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
    body: fd,
  });
  if (issued.status !== 303)
    throw new Error(`certify: ${String(issued.status)} ${(await issued.text()).slice(0, 3000)}`);
  console.log(`certified: ${issued.headers.get('location') ?? ''}`);
  const q = `ma=${encodeURIComponent(certDossier?.code ?? '')}&bi-mat=${encodeURIComponent(certDossier?.lookup_secret ?? '')}`;
  const list = await (await fetch(`${base}/cam-giang/ban-sao-dien-tu?${q}`)).text();
  const link = /href="(\/cam-giang\/ban-sao-dien-tu\/\d+\.pdf\?[^"]+)"/.exec(list)?.[1]?.replace(/&amp;/g, '&');
  const copy = await fetch(`${base}${link ?? ''}`);
  console.log(`citizen download: HTTP ${String(copy.status)} ${copy.headers.get('content-type') ?? ''}`);
  save('certified-copy', Buffer.from(await copy.arrayBuffer()));
  const wrong = await fetch(
    `${base}/cam-giang/ban-sao-dien-tu?ma=${encodeURIComponent(certDossier?.code ?? '')}&bi-mat=SAIMA123`,
  );
  console.log(`wrong secret: HTTP ${String(wrong.status)}`);
  const book = await fetch(`${base}/console/certification`, { headers: { cookie: officer.cookie } });
  console.log(
    `book lists number 1: ${String(/data-testid="certification-book"[\s\S]*<td>1<\/td>/.test(await book.text()))}`,
  );
} finally {
  await running.stop();
  rmSync(tmp, { recursive: true, force: true });
}
