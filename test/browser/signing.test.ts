/**
 * Digital signatures in Debian's Chromium on the demo centre, with a SoftHSM test token: the
 * director signs form 04 from the dossier page's "Ký số" link; the justice officer issues an
 * electronic certified copy; the citizen finds and downloads it with the code and the receipt
 * secret, a wrong secret finds nothing. JavaScript off. Screenshots: test-output/screenshots/signing-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser } from 'playwright-core';
import { launchBrowser, SHOTS_DIR, signInDemo, skipWithoutBrowser } from '../support/browser.ts';
import { testConfig } from '../support/db.ts';
import { pdfsig } from '../support/pdfsig.ts';
import { start, type Running } from '../../src/main.ts';
import { makeSoftHsmToken, makeTestPki, softHsmAvailable } from '../../src/core/documents/signing/test-pki.ts';

const skip = skipWithoutBrowser || (softHsmAvailable() ? false : 'SoftHSM is not installed');

describe('digital signatures in a browser', { skip }, () => {
  let app: Running;
  let browser: Browser;
  let dir = '';
  let dbFile = '';

  before(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'motcua-signing-browser-'));
    const pki = makeTestPki(join(dir, 'pki'), {
      commonName: 'Nguyễn Thị Hà',
      organisation: 'UBND xã Cẩm Giàng (TEST)',
    });
    const token = makeSoftHsmToken(pki);
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    const config = testConfig({
      DATA_DIR: join(dir, 'data'),
      DEMO: 'auto',
      SIGN_PKCS11_MODULE: token.module,
      SIGN_PKCS11_TOKEN: token.tokenLabel,
      SIGN_PKCS11_KEY_ID: token.keyId,
      SIGN_PKCS11_PIN: token.pin,
      SIGN_P12_FILE: pki.p12File,
      SIGN_P12_PASSWORD: pki.p12Password,
    });
    dbFile = config.databaseUrl.replace(/^sqlite:/, '');
    app = await start(config, { quiet: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function one(sqlText: string): Record<string, unknown> {
    const db = new DatabaseSync(dbFile, { readOnly: true });
    try {
      return db.prepare(sqlText).get() ?? {};
    } finally {
      db.close();
    }
  }

  test('the director signs form 04 from the dossier page; pdfsig validates it', async () => {
    const code = String(
      one(
        "SELECT d.code FROM apology a JOIN dossier d ON d.id = a.dossier_id WHERE a.status = 'approved' ORDER BY a.id DESC LIMIT 1",
      ).code,
    );
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await signInDemo(ctx, app.url, 'giamdoc', `/console/dossiers/${code}`);
    await page.getByTestId('sign-04').click();
    await page.waitForURL(/\/console\/signing\?kind=form04/);
    assert.match((await page.getByTestId('signer-health').textContent()) ?? '', /Nguyễn Thị Hà/);
    assert.equal(await page.getByLabel('Mã văn bản (mã hồ sơ, số thư, năm-quý…)').inputValue(), code);
    await page.getByLabel('Ký bằng').selectOption('pkcs11');
    await page.screenshot({ path: join(SHOTS_DIR, 'signing-console.png'), fullPage: true });
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    await page.waitForURL(/\/console\/signing\/\d+$/);
    assert.equal(await page.getByTestId('signed-status').textContent(), 'Đã ký');
    await page.screenshot({ path: join(SHOTS_DIR, 'signing-done.png'), fullPage: true });
    const href = (await page.getByTestId('signed-download').getAttribute('href')) ?? '';
    const pdf = await ctx.request.get(`${app.url}${href}`);
    assert.equal(pdf.status(), 200);
    const out = pdfsig(Buffer.from(await pdf.body()));
    assert.match(out, /Signature Validation: Signature is Valid\./, out);
    assert.match(out, /Signer Certificate Common Name: Nguyễn Thị Hà/, out);
    await ctx.close();
  });

  test('a certified copy is issued by the justice officer and downloaded by the citizen with the secret', async () => {
    const row = one(
      "SELECT d.code, d.lookup_secret FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE p.code = '2.000815' ORDER BY d.id DESC LIMIT 1",
    );
    const d = { code: String(row.code), lookup_secret: String(row.lookup_secret) };
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await signInDemo(ctx, app.url, 'tuphap', `/console/dossiers/${d.code}`);
    await page.getByTestId('certify-copy').click();
    await page.waitForURL(/\/console\/certification\?dossier=/);
    await page.getByLabel('Tên giấy tờ, văn bản (ví dụ: Giấy khai sinh)').fill('Giấy khai sinh');
    await page.setInputFiles('#c-file', {
      name: 'ban-chinh.png',
      mimeType: 'image/png',
      buffer: readFileSync('data/demo/signing/seal.png'),
    });
    await page.getByLabel('Ký bằng').selectOption('pkcs12');
    await page.getByRole('button', { name: 'Chứng thực và ký số' }).click();
    await page.waitForURL(/ok=1/);
    assert.match((await page.getByTestId('flash').textContent()) ?? '', /Đã chứng thực bản sao số 1\./);
    assert.match((await page.getByTestId('certification-book').textContent()) ?? '', /Giấy khai sinh/);
    await page.screenshot({ path: join(SHOTS_DIR, 'signing-certification.png'), fullPage: true });
    await ctx.close();

    const citizen = await browser.newContext({
      viewport: { width: 390, height: 800 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const p = await citizen.newPage();
    await p.goto(`${app.url}/cam-giang/ban-sao-dien-tu`);
    await p.getByLabel('Mã hồ sơ').fill(d.code);
    await p.getByLabel('Mã tra cứu').fill('SAI12345');
    await p.getByRole('button', { name: 'Tìm bản sao' }).click();
    assert.match((await p.getByTestId('not-found').textContent()) ?? '', /Không tìm thấy hồ sơ/);
    await p.getByLabel('Mã tra cứu').fill(d.lookup_secret);
    await p.getByRole('button', { name: 'Tìm bản sao' }).click();
    const link = p.getByTestId('public-copies').getByRole('link');
    assert.match((await link.textContent()) ?? '', /Bản sao số 1\/\d{4} – Giấy khai sinh/);
    await p.screenshot({ path: join(SHOTS_DIR, 'signing-citizen.png'), fullPage: true });
    const pdf = await citizen.request.get(`${app.url}${(await link.getAttribute('href')) ?? ''}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdfsig(Buffer.from(await pdf.body())), /Signature is Valid/);
    await citizen.close();
  });
});
