/** Console downloads of the one-stop forms (01–06) and the tracking register (07), on both databases. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { inspectPdf } from '../../src/core/documents/inspect.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { bookVerdictText } from '../../src/features/dossiers/forms/book.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
  email: 'an@example.com',
};
const A4P = [595.28, 841.89];
const A4L = [841.89, 595.28];
const A5P = [419.53, 595.28];

/** FORMS_PREVIEW_DIR=/tmp/forms-preview keeps what the routes answered, to look at them. */
function keep(res: LightMyRequestResponse, name: string): void {
  const dir = process.env.FORMS_PREVIEW_DIR;
  if (!dir || res.statusCode !== 200) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), res.rawPayload);
}

function pageSize(res: LightMyRequestResponse): number[] {
  const f = inspectPdf(res.rawPayload);
  assert.ok(f.pages >= 1);
  assert.ok(f.fonts.every((n) => n.startsWith('Tinos-')));
  return f.pageSizes[0]!.map((x) => Math.round(x * 100) / 100);
}

for (const { name, fresh } of DATABASES) {
  describe(`dossier forms and register (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    let receiverLogin = '';
    const as = (who?: string, accept = 'application/json') => ({
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      accept,
    });
    const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: as(who) });
    const post = (url: string, who: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload });
    let full = ''; // received, handed off, supplemented, extended, processed, returned
    let bare = ''; // just received
    let refused = ''; // online, refused
    const p = CATALOG.find(
      (x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3 && !x.sameDayEligible,
    )!;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, {
        sameDayWeekdays: [2, 5],
        leaderName: 'Trần Thị Bình',
        leaderTitle: 'Giám đốc',
        phones: [{ label: 'Bộ phận Một cửa', number: '02203000001' }],
      });
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, c.slug, 'test', CATALOG);
      const receiver = await makeUser(t.deps, c.id, ['receiver']);
      receiverLogin = receiver.username;
      tokens.receiver = await makeToken(t.deps, receiver.username);
      for (const role of ['specialist', 'director', 'volunteer'] as const)
        tokens[role] = await makeToken(t.deps, (await makeUser(t.deps, c.id, [role])).username);
      const other = await makeCenter(t.deps);
      tokens.otherReceiver = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);

      const intake = async (body: object) => {
        const res = await post(`/api/v1/centers/${c.slug}/dossiers`, 'receiver', {
          procedureCode: p.code,
          applicant: citizen,
          ...body,
        });
        assert.equal(res.statusCode, 201, res.body);
        return res.json().code as string;
      };
      const act = async (code: string, who: string, body: object) => {
        assert.equal((await post(`/api/v1/dossiers/${code}/actions`, who, body)).statusCode, 200);
      };
      full = await intake({});
      clock = new Date('2026-11-25T03:00:00Z');
      await act(full, 'receiver', { action: 'handoff', to: 'Công chức Tư pháp – Hộ tịch' });
      clock = new Date('2026-11-25T07:00:00Z');
      await act(full, 'specialist', {
        action: 'request_supplement',
        reason: 'Thiếu bản sao giấy chứng nhận kết hôn',
        components: ['Giấy chứng nhận kết hôn'],
      });
      clock = new Date('2026-11-26T02:00:00Z');
      await act(full, 'receiver', { action: 'complete_supplement' });
      await act(full, 'director', {
        action: 'extend',
        reason: 'Cần xác minh thông tin cư trú',
        newDueAt: '2026-12-10T10:00:00Z',
      });
      clock = new Date('2026-11-27T08:00:00Z');
      await act(full, 'specialist', { action: 'mark_processed', result: 'Đã ký' });
      clock = new Date('2026-11-28T02:00:00Z');
      await act(full, 'receiver', { action: 'return_result', method: 'desk' });
      clock = new Date('2026-11-30T02:00:00Z');
      bare = await intake({});
      refused = await intake({ submittedOnline: true, channel: 'online' });
      await act(refused, 'receiver', { action: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền của UBND xã.' });
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('form 01: A5 by default, A4 on request, inline PDF, never cached; a bad size is 400', async () => {
      const a5 = await get(`/console/dossiers/${full}/forms/01.pdf`, 'receiver');
      assert.equal(a5.statusCode, 200, a5.body);
      assert.equal(a5.headers['content-type'], 'application/pdf');
      assert.equal(a5.headers['cache-control'], 'no-store');
      assert.match(
        String(a5.headers['content-disposition']),
        new RegExp(`^inline; filename="mau-01-giay-tiep-nhan-hen-tra-${full.replace(/\./g, '\\.')}-A5\\.pdf"$`),
      );
      assert.deepEqual(pageSize(a5), A5P);
      if (name === 'sqlite') keep(a5, 'api-01-a5.pdf');
      const a4 = await get(`/console/dossiers/${full}/forms/01.pdf?size=A4`, 'receiver');
      assert.equal(a4.statusCode, 200);
      assert.deepEqual(pageSize(a4), A4P);
      const bad = await get(`/console/dossiers/${full}/forms/01.pdf?size=A3`, 'receiver');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    });

    test('forms 02, 04, 06 of a dossier that went through them; 04 also as DOCX; 03 of a refused dossier', async () => {
      for (const f of ['02', '04', '06']) {
        const res = await get(`/console/dossiers/${full}/forms/${f}.pdf`, 'specialist');
        assert.equal(res.statusCode, 200, `${f}: ${res.body.slice(0, 200)}`);
        assert.equal(res.headers['content-type'], 'application/pdf');
        assert.deepEqual(pageSize(res), A4P);
        if (name === 'sqlite') keep(res, `api-${f}.pdf`);
      }
      const docx = await get(`/console/dossiers/${full}/forms/04.docx`, 'director');
      assert.equal(docx.statusCode, 200);
      assert.equal(
        docx.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      assert.match(
        String(docx.headers['content-disposition']),
        /^attachment; filename="mau-04-van-ban-xin-loi-gia-han-.+\.docx"$/,
      );
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      const r03 = await get(`/console/dossiers/${refused}/forms/03.pdf`, 'receiver');
      assert.equal(r03.statusCode, 200);
      assert.deepEqual(pageSize(r03), A4P);
      if (name === 'sqlite') keep(r03, 'api-03.pdf');
      assert.equal(
        (await get(`/console/dossiers/${bare}/forms/06.pdf`, 'receiver')).statusCode,
        200,
        'a control slip with no hand-off yet',
      );
    });

    test('a form that does not apply is 404 with the reason; unknown forms are 404', async () => {
      for (const [f, word] of [
        ['02.pdf', 'bổ sung'],
        ['03.pdf', 'từ chối'],
        ['04.pdf', 'gia hạn'],
        ['04.docx', 'gia hạn'],
        ['05.pdf', 'dừng giải quyết'],
        ['05.docx', 'dừng giải quyết'],
      ] as const) {
        const res = await get(`/console/dossiers/${bare}/forms/${f}`, 'receiver');
        assert.equal(res.statusCode, 404, f);
        assert.ok(res.json().error.details[0].messageVi.includes(word), `${f}: ${res.body}`);
      }
      for (const f of ['05.pdf', '01.docx', '02.docx', '07.pdf', '01.PDF', 'x'])
        assert.equal((await get(`/console/dossiers/${full}/forms/${f}`, 'receiver')).statusCode, 404, f);
      assert.equal((await get('/console/dossiers/H26.00-000000-0000/forms/01.pdf', 'receiver')).statusCode, 404);
    });

    test('access: 401 without credentials (login redirect for a browser), 404 for another centre, 403 for a role without dossier.read; a session works', async () => {
      const url = `/console/dossiers/${full}/forms/01.pdf`;
      assert.equal((await get(url)).statusCode, 401);
      const browser = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      assert.equal(browser.statusCode, 302);
      assert.match(String(browser.headers.location), /^\/console\/login\?next=/);
      assert.equal((await get(url, 'otherReceiver')).statusCode, 404);
      assert.equal((await get(`/console/dossiers/${full}/forms/04.docx`, 'otherReceiver')).statusCode, 404);
      assert.equal((await get(url, 'volunteer')).statusCode, 403);
      const s = await signIn(app, receiverLogin, 'mat-khau-thu-nghiem');
      const viaSession = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      assert.equal(viaSession.statusCode, 200);
      assert.equal(viaSession.headers['content-type'], 'application/pdf');
    });

    test('register (07): PDF A4 landscape and XLSX for the actor’s centre and period', async () => {
      const pdf = await get('/console/book.pdf?from=2026-11-01&to=2026-11-30', 'receiver');
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['cache-control'], 'no-store');
      assert.deepEqual(pageSize(pdf), A4L);
      if (name === 'sqlite') keep(pdf, 'api-book.pdf');
      const xlsx = await get('/console/book.xlsx?from=2026-11-01&to=2026-11-30', 'receiver');
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(
        String(xlsx.headers['content-disposition']),
        /^attachment; filename="so-theo-doi-ho-so-.+-2026-11-01-2026-11-30\.xlsx"$/,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      // the rows of the period, then the closing line with the fees summed
      const codes = ws.getColumn(2).values.slice(2, -1);
      assert.match(ws.getRow(ws.rowCount).getCell(2).text, /^Phí, lệ phí đã thu: /);
      assert.deepEqual(codes, [full, bare, refused], 'oldest first, one row per dossier of the period');
      const row = ws.getRow(2);
      assert.equal(row.getCell(5).value, 'Nguyễn Văn An');
      assert.equal(row.getCell(7).value, 'Công chức Tư pháp – Hộ tịch', 'lead agency: the first hand-off');
      assert.equal(
        (row.getCell(8).value as Date).toISOString(),
        '2026-11-25T09:00:00.000Z',
        'received 09:00 in Vietnam',
      );
      assert.equal((row.getCell(10).value as Date).toISOString(), '2026-11-25T10:00:00.000Z', 'transferred 10:00');
      assert.equal((row.getCell(12).value as Date).toISOString(), '2026-11-28T09:00:00.000Z', 'returned 09:00');
      // "Kết quả giải quyết": each row prints the one clock's verdict, as the dossier API gives it.
      assert.equal(ws.getRow(1).getCell(13).value, 'Kết quả giải quyết');
      for (const [i, c] of codes.entries()) {
        const verdict = (await get(`/api/v1/dossiers/${c}`, 'receiver')).json<{ verdict: string | null }>()
          .verdict as Parameters<typeof bookVerdictText>[0];
        assert.equal(ws.getRow(i + 2).getCell(13).text, bookVerdictText(verdict), c);
      }
      assert.match(row.getCell(13).text, /^(Sớm hạn|Đúng hạn|Trễ hạn)$/, 'returned: judged');
      const december = await get('/console/book.xlsx?from=2026-12-01&to=2026-12-31', 'receiver');
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(december.rawPayload as unknown as ArrayBuffer);
      assert.equal(wb2.worksheets[0]!.rowCount, 1, 'header only');
      // another centre's staff get their own (empty) register, never this one
      const other = await get('/console/book.xlsx?from=2026-11-01&to=2026-11-30', 'otherReceiver');
      assert.equal(other.statusCode, 200);
      const wb3 = new ExcelJS.Workbook();
      await wb3.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
      assert.equal(wb3.worksheets[0]!.rowCount, 1);
    });

    test('register: dates validated (format, order, at most 366 days), 401 and 403 as for dossiers', async () => {
      const code = async (url: string, who = 'receiver') => {
        const res = await get(url, who);
        return [res.statusCode, res.statusCode >= 400 ? res.json().error.code : null];
      };
      assert.deepEqual(await code('/console/book.pdf'), [400, 'VALIDATION_FAILED']);
      assert.deepEqual(await code('/console/book.pdf?from=2026-11-01'), [400, 'VALIDATION_FAILED']);
      assert.deepEqual(await code('/console/book.xlsx?from=2026-02-30&to=2026-03-01'), [400, 'VALIDATION_FAILED']);
      assert.deepEqual(await code('/console/book.pdf?from=01/11/2026&to=2026-11-30'), [400, 'VALIDATION_FAILED']);
      assert.deepEqual(await code('/console/book.pdf?from=2026-12-01&to=2026-11-01'), [400, 'VALIDATION_FAILED']);
      assert.deepEqual(await code('/console/book.xlsx?from=2026-01-01&to=2027-01-02'), [400, 'RANGE_TOO_LARGE']);
      assert.deepEqual(await code('/console/book.xlsx?from=2026-01-01&to=2027-01-01'), [200, null]);
      assert.deepEqual(await code('/console/book.pdf?from=2026-01-01&to=2026-12-31'), [200, null]);
      assert.equal((await get('/console/book.pdf?from=2026-11-01&to=2026-11-30')).statusCode, 401);
      assert.deepEqual(await code('/console/book.pdf?from=2026-11-01&to=2026-11-30', 'volunteer'), [403, 'FORBIDDEN']);
    });
  });
}
