/**
 * The document register (sổ công văn đi/đến) through the API, on SQLite and PostgreSQL: numbers
 * gapless per year and direction (also when entries fail or arrive at the same moment), filters,
 * the XLSX export, files checked by content, access (volunteer 403, another centre 404) and
 * bilingual errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { minimalPdf } from '../support/files.ts';
import type { Deps } from '../../src/core/deps.ts';

function multipart(
  token: string,
  fields: Record<string, string>,
  file?: { bytes: Buffer; filename?: string; type?: string },
) {
  const boundary = '----reg' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename ?? 'cv.pdf'}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload: Buffer.concat(parts),
  };
}

for (const { name, fresh } of DATABASES) {
  describe(`document register (${name})`, () => {
    let t: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let dataDir: string;
    let clerkUser = '';
    const tokens: Record<string, string> = {};
    const h = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const url = () => `/api/v1/centers/${slug}/register`;
    const add = (payload: object, who = 'clerk') =>
      app.inject({ method: 'POST', url: url(), headers: h(who), payload });
    const doc = (over: object = {}) => ({
      direction: 'in',
      date: '2026-03-02',
      symbol: '12/UBND-VP',
      party: 'UBND xã Cẩm Giàng',
      abstract: 'V/v triển khai mô hình “Chính quyền thân thiện”',
      assignee: 'Giám đốc',
      ...over,
    });

    before(async () => {
      t = await fresh(() => new Date('2026-11-25T02:00:00Z'));
      dataDir = mkdtempSync(join(tmpdir(), 'motcua-reg-'));
      deps = { ...t.deps, config: { ...t.deps.config, dataDir } };
      app = await testApp({ ...t, deps });
      const c = await makeCenter(deps);
      slug = c.slug;
      for (const role of ['clerk', 'director', 'volunteer', 'accountant'] as const) {
        const u = await makeUser(deps, c.id, [role]);
        tokens[role] = await makeToken(deps, u.username);
        if (role === 'clerk') clerkUser = u.username;
      }
      const other = await makeCenter(deps);
      otherSlug = other.slug;
      tokens.otherClerk = await makeToken(deps, (await makeUser(deps, other.id, ['clerk'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('numbers run 1, 2, 3… per year and direction, with no gap after a rejected entry', async () => {
      const numbers: string[] = [];
      for (const over of [
        {},
        { direction: 'out', party: 'Đoàn Thanh niên xã' },
        {},
        { date: '2027-01-04' },
        { direction: 'out', date: '2026-12-31', party: 'Phòng Kinh tế' },
      ]) {
        const r = await add(doc(over));
        assert.equal(r.statusCode, 201, r.body);
        numbers.push(`${r.json().direction}/${r.json().year}/${r.json().number}`);
      }
      assert.deepEqual(numbers, ['in/2026/1', 'out/2026/1', 'in/2026/2', 'in/2027/1', 'out/2026/2']);
      // a rejected entry takes no number
      const bad = await add(doc({ abstract: '' }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'abstract');
      assert.match(bad.json().error.details[0].messageVi, /trích yếu/);
      assert.match(bad.json().error.details[0].messageEn, /abstract/i);
      const next = await add(doc());
      assert.equal(next.json().number, 3);
      assert.equal(next.json().label, '03/2026');
    });

    test('entries arriving at the same moment get distinct consecutive numbers', async () => {
      const rs = await Promise.all(
        Array.from({ length: 8 }, (_, i) => add(doc({ direction: 'out', date: '2026-06-01', party: `Nơi nhận ${i}` }))),
      );
      for (const r of rs) assert.equal(r.statusCode, 201, r.body);
      const list = (
        await app.inject({ method: 'GET', url: `${url()}?year=2026&direction=out`, headers: h('clerk') })
      ).json().items as { number: number }[];
      assert.deepEqual(
        list.map((x) => x.number).sort((a, b) => a - b),
        Array.from({ length: list.length }, (_, i) => i + 1),
      );
      assert.equal(list.length, 10);
    });

    test('bad input: clear Vietnamese and English errors, never a 500', async () => {
      const cases: [object, string][] = [
        [doc({ direction: 'sideways' }), 'direction'],
        [doc({ date: '2026-02-30' }), 'date'],
        [doc({ date: '30/01/2026' }), 'date'],
        [doc({ party: '   ' }), 'party'],
        [doc({ deadline: '2026-01-01' }), 'deadline'],
        [doc({ status: 'lost' }), 'status'],
        [doc({ abstract: 'x'.repeat(1001) }), 'abstract'],
      ];
      for (const [payload, field] of cases) {
        const r = await add(payload);
        assert.equal(r.statusCode, 400, `${field}: ${r.body}`);
        const d = r.json().error.details[0];
        assert.ok(d.field.endsWith(field), `${field}: ${d.field}`);
        assert.ok(d.messageVi && d.messageEn);
      }
      const r = await app.inject({ method: 'GET', url: `${url()}?year=abc`, headers: h('clerk') });
      assert.equal(r.statusCode, 400);
    });

    test('update, file by content, filters, XLSX export', async () => {
      const created = await app.inject({
        method: 'POST',
        url: url(),
        ...multipart(
          tokens.clerk!,
          {
            direction: 'in',
            date: '2026-10-12',
            symbol: '215/UBND-VP',
            party: 'UBND xã Cẩm Giàng',
            abstract: 'V/v báo cáo Quý IV',
            deadline: '2026-12-31',
          },
          { bytes: minimalPdf('cv215') },
        ),
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal(created.json().file.contentType, 'application/pdf');
      const file = await app.inject({ method: 'GET', url: created.json().file.href, headers: h('clerk') });
      assert.deepEqual(file.rawPayload, minimalPdf('cv215'));
      const notPdf = await app.inject({
        method: 'POST',
        url: `${url()}/${id}/file`,
        ...multipart(tokens.clerk!, {}, { bytes: Buffer.from('hello'), filename: 'x.pdf' }),
      });
      assert.equal(notPdf.statusCode, 415);
      const upd = await app.inject({
        method: 'PATCH',
        url: `${url()}/${id}`,
        headers: h('clerk'),
        payload: { status: 'processing', assignee: 'Công chức kiểm soát TTHC' },
      });
      assert.equal(upd.statusCode, 200, upd.body);
      assert.equal(upd.json().status, 'processing');
      assert.equal(upd.json().number, created.json().number, 'the number never changes');
      const moveYear = await app.inject({
        method: 'PATCH',
        url: `${url()}/${id}`,
        headers: h('clerk'),
        payload: { date: '2027-01-02' },
      });
      assert.equal(moveYear.statusCode, 400);
      const found = (
        await app.inject({
          method: 'GET',
          url: `${url()}?q=${encodeURIComponent('quý iv')}&status=processing`,
          headers: h('clerk'),
        })
      ).json().items;
      assert.equal(found.length, 1);
      assert.equal(found[0].id, id);
      const x = await app.inject({ method: 'GET', url: `${url()}/export.xlsx?year=2026`, headers: h('clerk') });
      assert.equal(x.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const incoming = wb.getWorksheet('Cong van den')!;
      const values = incoming.getSheetValues().flat().map(String).join('|');
      assert.ok(values.includes('V/v báo cáo Quý IV'));
      assert.ok(values.includes('12/10/2026'));
      const rows = incoming.getRows(5, incoming.rowCount - 4)!.map((r) => r.getCell(1).value);
      assert.deepEqual(rows, [1, 2, 3, 4], 'the 2026 incoming book in number order');
    });

    test('access: accountant and volunteer 403, another centre 404, console form works', async () => {
      assert.equal((await app.inject({ method: 'GET', url: url(), headers: h('volunteer') })).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: url(), headers: h('accountant') })).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: url(), headers: h('otherClerk') })).statusCode, 404);
      const mine = (await app.inject({ method: 'GET', url: url(), headers: h('clerk') })).json().items[0];
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/api/v1/centers/${otherSlug}/register/${mine.id}`,
            headers: h('otherClerk'),
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: `${url()}/${mine.id}`, headers: h('director') })).statusCode,
        200,
      );
      const s = await signIn(app, clerkUser, TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/register', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Sổ công văn đi, đến'));
      const saved = await app.inject({
        method: 'POST',
        url: `/console/register/${mine.id}`,
        ...form(s, {
          date: mine.date,
          symbol: mine.symbol,
          party: mine.party,
          abstract: mine.abstract,
          assignee: 'Văn thư',
          deadline: '',
          status: 'done',
        }),
      });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.equal(
        (await app.inject({ method: 'GET', url: `${url()}/${mine.id}`, headers: h('clerk') })).json().status,
        'done',
      );
    });
  });
}
