/**
 * Issue 11, the paper the desk gives and what intake records, on both databases: a refusal and
 * guidance are not receipts, the checklist tells what was received, the fee is computed and
 * summed, the tracking book's number is the receipt's, an electronic result needs its file.
 * Forms are read back as rendered PDFs (inspectPdf for the facts, pdftotext for the words).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { computeFee } from '../../src/features/dossiers/intake/fees.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const citizen = { fullName: 'Nguyễn Thị Yến', idNumber: '031086001234', phone: '0912 345 678', address: 'Thôn Đông' };
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
function procedure(code: string): (typeof CATALOG)[number] {
  const p = CATALOG.find((x) => x.code === code);
  if (!p) throw new Error(`no procedure ${code} in the demo catalogue`);
  return p;
}
const BIRTH = procedure('1.001193'); // optional "Văn bản ủy quyền", shown ID card
const COPY = procedure('2.000815'); // certified copies: per-page fee

function pdfText(res: LightMyRequestResponse): string {
  const f = inspectPdf(res.rawPayload);
  assert.ok(f.pages >= 1);
  assert.ok(f.fonts.every((n) => n.startsWith('Tinos-')));
  const dir = mkdtempSync(join(tmpdir(), 'paper-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), res.rawPayload);
    const r = spawnSync('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .normalize('NFC')
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('fee arithmetic: certified copies 2,000 đ a page for pages 1–2, 1,000 đ from page 3, at most 200,000 đ a copy', () => {
  assert.equal(computeFee(COPY.fees, { items: {}, pages: 5, copies: 3 }).total, 3 * (2 * 2000 + 3 * 1000));
  assert.equal(computeFee(COPY.fees, { items: {}, pages: 1, copies: 1 }).total, 2000);
  const big = computeFee(COPY.fees, { items: {}, pages: 300, copies: 2 });
  assert.equal(big.total, 400_000);
  assert.ok(big.capped);
  const birth = procedure('2.000635'); // 8,000 đ a copy of the extract
  assert.equal(computeFee(birth.fees, { items: { 0: 3 }, pages: 0, copies: 0 }).total, 24_000);
});

for (const { name, fresh } of DATABASES) {
  describe(`intake paper (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    let slug = '';
    let centerId = 0;
    const headers = (who: string) => ({ authorization: `Bearer ${tokens[who]}`, accept: 'application/json' });
    const get = (url: string, who = 'receiver') => app.inject({ method: 'GET', url, headers: headers(who) });
    const post = (url: string, payload: object, who = 'receiver') =>
      app.inject({ method: 'POST', url, headers: headers(who), payload });
    const intake = (payload: object) => post(`/api/v1/centers/${slug}/dossiers`, payload);
    const count = async () => (await get(`/api/v1/centers/${slug}/dossiers?limit=500`)).json().items.length as number;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, { leaderName: 'Trần Thị Bình', leaderTitle: 'Giám đốc' });
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, c.slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'director'] as const)
        tokens[role] = await makeToken(t.deps, (await makeUser(t.deps, c.id, [role])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('a refused dossier has form 03 only: form 01 and 06 answer 409 with the reason', async () => {
      const r = await intake({
        procedureCode: BIRTH.code,
        applicant: citizen,
        outcome: 'refuse',
        reason: 'Không thuộc thẩm quyền',
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().status, 3);
      const f01 = await get(`/console/dossiers/${r.json().code}/forms/01.pdf`);
      assert.equal(f01.statusCode, 409, f01.body);
      assert.match(f01.json().error.details[0].messageVi, /từ chối tiếp nhận/);
      assert.equal((await get(`/console/dossiers/${r.json().code}/forms/03.pdf`)).statusCode, 200);
      // The console offers no receipt: form 03 only.
      const page = await app.inject({
        method: 'GET',
        url: `/console/dossiers/${r.json().code}`,
        headers: { authorization: `Bearer ${tokens.receiver}`, accept: 'text/html' },
      });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /forms\/01\.pdf/);
      assert.doesNotMatch(page.body, /data-testid="receipt-link"/);
      assert.match(page.body, /forms\/03\.pdf/);
    });

    test('guidance at the counter is not a refusal and takes no code, unless the centre logs guidance with a code', async () => {
      const before = await count();
      const first = (await intake({ procedureCode: BIRTH.code, applicant: citizen })).json();
      const g = await intake({
        procedureCode: BIRTH.code,
        applicant: citizen,
        outcome: 'guide',
        reason: 'Thiếu giấy chứng sinh',
        missing: ['Giấy chứng sinh'],
      });
      assert.equal(g.statusCode, 201, g.body);
      assert.equal(g.json().guidance.code, null);
      assert.equal(await count(), before + 1, 'only the accepted dossier is a dossier');
      const refusedNow = (await get(`/api/v1/centers/${slug}/dossiers?status=3&limit=500`)).json().items.length;
      const next = (await intake({ procedureCode: BIRTH.code, applicant: citizen })).json();
      assert.equal(Number(next.code.slice(-4)), Number(first.code.slice(-4)) + 1, 'no code consumed by guidance');
      assert.equal((await get(`/api/v1/centers/${slug}/dossiers?status=3&limit=500`)).json().items.length, refusedNow);
      const f02 = await get(`/console/guidance/${g.json().guidance.id}/02.pdf`);
      assert.equal(f02.statusCode, 200);
      if (hasPoppler) {
        const text = pdfText(f02);
        assert.match(text, /PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ/);
        assert.match(text, /Giấy chứng sinh/);
        assert.doesNotMatch(text, /Mã hồ sơ/);
      }
      // The centre chooses to log guidance: it then takes the next number of the day's series.
      await t.deps.db.updateTable('center').set({ guidance_takes_code: 1 }).where('id', '=', centerId).execute();
      const logged = (
        await intake({ procedureCode: BIRTH.code, applicant: citizen, outcome: 'guide', reason: 'Thiếu giấy tờ' })
      ).json().guidance;
      assert.equal(Number(logged.code.slice(-4)), Number(next.code.slice(-4)) + 1);
      await t.deps.db.updateTable('center').set({ guidance_takes_code: 0 }).where('id', '=', centerId).execute();
      // Another centre's guidance answers like a missing one.
      assert.equal((await get(`/console/guidance/999999/02.pdf`)).statusCode, 404);
    });

    test('the checklist: optional components left out by default, the ID card recorded and printed as shown', async () => {
      const d = (await intake({ procedureCode: BIRTH.code, applicant: citizen })).json();
      const names = d.components.map((c: { name: string }) => c.name);
      assert.ok(!names.some((n: string) => n.startsWith('Văn bản ủy quyền')), 'optional: not received by default');
      const id = d.components.find((c: { name: string }) => c.name.startsWith('Căn cước'));
      assert.equal(id.shown, true);
      assert.equal(id.copies, 0);
      // The console starts the optional one unticked.
      const page = await app.inject({
        method: 'GET',
        url: `/console/dossiers/new?procedure=${BIRTH.code}`,
        headers: { authorization: `Bearer ${tokens.receiver}`, accept: 'text/html' },
      });
      const optIndex = BIRTH.components.findIndex((c) => c.requirement === 'optional');
      assert.ok(optIndex >= 0);
      assert.match(page.body, new RegExp(`name="c${optIndex}_got" value="1"/>`), 'optional unticked');
      assert.match(page.body, /name="c0_got" value="1" checked/, 'required ticked');
      if (hasPoppler) {
        const text = pdfText(await get(`/console/dossiers/${d.code}/forms/01.pdf?size=A4`));
        assert.match(text, /xuất trình bản chính để đối chiếu, không nộp/);
        assert.match(text, /Xuất trình/);
        assert.doesNotMatch(text, /Văn bản ủy quyền/);
      }
    });

    test('the fee: computed from the catalogue and the pages, stored, on form 01 and summed in the book with the same number', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const bad = await intake({
        procedureCode: COPY.code,
        applicant: citizen,
        fee: { pages: 5, copies: 3, status: 'paid' },
      });
      assert.equal(bad.statusCode, 400, 'paid needs a method');
      const d = await intake({
        procedureCode: COPY.code,
        applicant: citizen,
        fee: { pages: 5, copies: 3, status: 'paid', method: 'cash', receipt: '0001234' },
      });
      assert.equal(d.statusCode, 201, d.body);
      assert.equal(d.json().fee.total, 21_000);
      assert.equal(d.json().fee.status, 'paid');
      const again = (await get(`/api/v1/dossiers/${d.json().code}`)).json();
      assert.equal(again.fee.total, 21_000);
      assert.equal(again.fee.receipt, '0001234');
      const exempt = await intake({
        procedureCode: COPY.code,
        applicant: citizen,
        fee: { pages: 2, status: 'exempt' },
      });
      assert.equal(exempt.json().fee.status, 'exempt');
      // The month's report sums the same paid fees (the exempt dossier adds nothing).
      const month = await get(`/api/v1/centers/${slug}/reports/monthly?year=2026&month=11`, 'director');
      assert.equal(month.statusCode, 200, month.body);
      const fees = (month.json().figures as { key: string; value: number }[]).find((f) => f.key === 'feesCollected');
      assert.equal(fees?.value, 21_000);
      if (hasPoppler) {
        const f01 = pdfText(await get(`/console/dossiers/${d.json().code}/forms/01.pdf?size=A4`));
        assert.match(f01, /21\.000 đồng – đã nộp \(tiền mặt\), biên lai số 0001234/);
        const m = /Quyển số: (\d{4}), Số thứ tự: (\d+)/.exec(f01);
        assert.ok(m, 'form 01 prints the book volume and number');
        assert.equal(m[1], '2026');
        const book = pdfText(await get('/console/book.pdf?from=2026-11-01&to=2026-11-30'));
        assert.match(book, /Phí, lệ phí đã thu: 21\.000 đồng \(1 hồ sơ\)/);
        // The book's STT of this dossier is the number on its receipt (one function for both).
        const xlsx = await get('/console/book.xlsx?from=2026-11-01&to=2026-11-30');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0];
        assert.ok(ws);
        let stt: unknown = null;
        ws.eachRow((r) => {
          if (r.getCell(2).value === d.json().code) stt = r.getCell(1).value;
        });
        assert.equal(String(stt), m[2]);
      }
    });

    test('“electronic result” without a result file is refused (422); the dossier is unchanged', async () => {
      const d = (await intake({ procedureCode: BIRTH.code, applicant: citizen })).json();
      const r = await post(
        `/api/v1/dossiers/${d.code}/actions`,
        { action: 'mark_processed', electronicResult: true },
        'specialist',
      );
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json().error.details[0].field, 'electronicResult');
      const same = (await get(`/api/v1/dossiers/${d.code}`)).json();
      assert.equal(same.status, d.status);
      assert.equal(same.flags.electronicResult, false);
      const ok = await post(`/api/v1/dossiers/${d.code}/actions`, { action: 'mark_processed' }, 'specialist');
      assert.equal(ok.statusCode, 200, ok.body);
    });

    test('a stopped dossier prints form 05 (PDF and DOCX)', async () => {
      const d = (await intake({ procedureCode: BIRTH.code, applicant: citizen })).json();
      const s = await post(
        `/api/v1/dossiers/${d.code}/actions`,
        { action: 'stop', reason: 'Người yêu cầu đề nghị dừng' },
        'director',
      );
      assert.equal(s.statusCode, 200, s.body);
      const f05 = await get(`/console/dossiers/${d.code}/forms/05.pdf`);
      assert.equal(f05.statusCode, 200);
      assert.equal((await get(`/console/dossiers/${d.code}/forms/05.docx`)).statusCode, 200);
      if (hasPoppler) assert.match(pdfText(f05), /THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ/);
    });
  });
}
