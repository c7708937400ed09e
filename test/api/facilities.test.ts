/**
 * The facility checklist (plan III.2.3) and spending lines (plan V.2.6) through the API, on SQLite
 * and PostgreSQL: all twelve items listed, status and note, photos checked by content, amounts in
 * đồng formatted 1.234.567 đ with their total, access and bilingual errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { minimalPdf, smallPng } from '../support/files.ts';
import type { Deps } from '../../src/core/deps.ts';
import { FACILITY_ITEMS } from '../../src/features/facilities/model.ts';

function multipart(token: string, fields: Record<string, string>, file?: { bytes: Buffer; type: string }) {
  const boundary = '----fac' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="anh"\r\nContent-Type: ${file.type}\r\n\r\n`,
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
  describe(`facilities (${name})`, () => {
    let t: TestDb;
    let deps: Deps;
    let app: FastifyInstance;
    let slug: string;
    let dataDir: string;
    let accountantUser = '';
    const tokens: Record<string, string> = {};
    const h = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const base = () => `/api/v1/centers/${slug}/facilities`;

    before(async () => {
      t = await fresh(() => new Date('2026-11-25T02:00:00Z'));
      dataDir = mkdtempSync(join(tmpdir(), 'motcua-fac-'));
      deps = { ...t.deps, config: { ...t.deps.config, dataDir } };
      app = await testApp({ ...t, deps });
      const c = await makeCenter(deps);
      slug = c.slug;
      for (const role of ['accountant', 'director', 'volunteer', 'clerk'] as const) {
        const u = await makeUser(deps, c.id, [role]);
        tokens[role] = await makeToken(deps, u.username);
        if (role === 'accountant') accountantUser = u.username;
      }
      const other = await makeCenter(deps);
      tokens.otherAccountant = await makeToken(deps, (await makeUser(deps, other.id, ['accountant'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('the checklist lists the twelve items of plan III.2.3; status, note and photo are saved', async () => {
      const o = (await app.inject({ method: 'GET', url: base(), headers: h('accountant') })).json();
      assert.equal(o.items.length, 12);
      assert.deepEqual(
        o.items.map((i: { code: string }) => i.code),
        FACILITY_ITEMS.map((i) => i.code),
      );
      assert.ok(o.items.every((i: { status: string }) => i.status === 'missing'));
      assert.ok(o.items.some((i: { label: string }) => i.label === 'Internet/wifi miễn phí, không mật khẩu'));
      const put = await app.inject({
        method: 'PUT',
        url: `${base()}/items/free_wifi`,
        headers: h('accountant'),
        payload: { status: 'available', note: 'Không mật khẩu' },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().status, 'available');
      const photo = smallPng(90, 6);
      const withPhoto = await app.inject({
        method: 'PUT',
        url: `${base()}/items/waiting_chairs`,
        ...multipart(tokens.accountant!, { status: 'partly', note: '12 ghế' }, { bytes: photo, type: 'image/png' }),
      });
      assert.equal(withPhoto.statusCode, 200, withPhoto.body);
      const got = await app.inject({ method: 'GET', url: withPhoto.json().photo.href, headers: h('accountant') });
      assert.deepEqual(got.rawPayload, photo);
      // a note-only change keeps the photo
      const noteOnly = await app.inject({
        method: 'PUT',
        url: `${base()}/items/waiting_chairs`,
        headers: h('accountant'),
        payload: { note: '24 ghế' },
      });
      assert.equal(noteOnly.json().status, 'partly');
      assert.ok(noteOnly.json().photo);
      const pdfPhoto = await app.inject({
        method: 'PUT',
        url: `${base()}/items/signage`,
        ...multipart(tokens.accountant!, { status: 'available' }, { bytes: minimalPdf('x'), type: 'application/pdf' }),
      });
      assert.equal(pdfPhoto.statusCode, 415);
      const fake = await app.inject({
        method: 'PUT',
        url: `${base()}/items/signage`,
        ...multipart(
          tokens.accountant!,
          { status: 'available' },
          { bytes: Buffer.from('GIF89a....'), type: 'image/png' },
        ),
      });
      assert.equal(fake.statusCode, 415);
      const unknown = await app.inject({
        method: 'PUT',
        url: `${base()}/items/spaceship`,
        headers: h('accountant'),
        payload: { status: 'available' },
      });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.details[0].messageVi, /III\.2\.3/);
      const badStatus = await app.inject({
        method: 'PUT',
        url: `${base()}/items/scanner`,
        headers: h('accountant'),
        payload: { status: 'broken' },
      });
      assert.equal(badStatus.statusCode, 400);
      assert.ok(badStatus.json().error.details[0].messageEn.includes('available, partly or missing'));
      const counts = (await app.inject({ method: 'GET', url: base(), headers: h('director') })).json().counts;
      assert.deepEqual(counts, { available: 1, partly: 1, missing: 10 });
    });

    test('spending lines: amounts in whole đồng, formatted 1.234.567 đ, with their total; bad amounts rejected', async () => {
      const a = await app.inject({
        method: 'POST',
        url: `${base()}/spending`,
        headers: h('accountant'),
        payload: { date: '2026-06-10', item: 'Bàn ghế ngồi chờ', amount: '18.400.000', source: 'Ngân sách xã' },
      });
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(a.json().amount, 18_400_000);
      assert.equal(a.json().amountText, '18.400.000 đ');
      const b = await app.inject({
        method: 'POST',
        url: `${base()}/spending`,
        headers: h('accountant'),
        payload: { date: '2026-10-05', item: 'Điều hòa', amount: 1_234_567, source: 'Nguồn xã hội hóa' },
      });
      assert.equal(b.statusCode, 201);
      const o = (await app.inject({ method: 'GET', url: base(), headers: h('accountant') })).json();
      assert.equal(o.total, 19_634_567);
      assert.equal(o.totalText, '19.634.567 đ');
      const inRange = (
        await app.inject({ method: 'GET', url: `${base()}?from=2026-10-01&to=2026-12-31`, headers: h('accountant') })
      ).json();
      assert.equal(inRange.spending.length, 1);
      for (const amount of ['-5', '0', '12,5', 'một triệu', '99999999999999999']) {
        const r = await app.inject({
          method: 'POST',
          url: `${base()}/spending`,
          headers: h('accountant'),
          payload: { date: '2026-10-05', item: 'X', amount, source: 'Y' },
        });
        assert.equal(r.statusCode, 400, amount);
        assert.equal(r.json().error.details[0].field, 'amount');
        assert.match(r.json().error.details[0].messageVi, /đồng/);
      }
      const noSource = await app.inject({
        method: 'POST',
        url: `${base()}/spending`,
        headers: h('accountant'),
        payload: { date: '2026-10-05', item: 'X', amount: 1000, source: ' ' },
      });
      assert.equal(noSource.statusCode, 400);
      assert.equal(
        (
          await app.inject({
            method: 'DELETE',
            url: `/api/v1/centers/${slug}/facilities/spending/${b.json().id}`,
            headers: h('otherAccountant'),
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await app.inject({ method: 'DELETE', url: `${base()}/spending/${b.json().id}`, headers: h('accountant') }))
          .statusCode,
        204,
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: base(), headers: h('accountant') })).json().total,
        18_400_000,
      );
    });

    test('access: volunteer and clerk 403, another centre 404; the console page adds a line', async () => {
      assert.equal((await app.inject({ method: 'GET', url: base(), headers: h('volunteer') })).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: base(), headers: h('clerk') })).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: base(), headers: h('otherAccountant') })).statusCode, 404);
      const s = await signIn(app, accountantUser, TEST_PASSWORD);
      const added = await app.inject({
        method: 'POST',
        url: '/console/facilities/spending',
        ...form(s, {
          date: '2026-11-20',
          item: 'Máy in cho người dân',
          amount: '4.500.000 đ',
          source: 'Ngân sách xã',
          note: '',
        }),
      });
      assert.equal(added.statusCode, 303, added.body);
      const page = await app.inject({ method: 'GET', url: '/console/facilities', headers: { cookie: s.cookie } });
      assert.ok(page.body.includes('22.900.000 đ'));
      const bad = await app.inject({
        method: 'POST',
        url: '/console/facilities/spending',
        ...form(s, { date: '2026-11-20', item: 'X', amount: 'abc', source: 'Y' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('Số tiền là số nguyên dương'));
    });
  });
}
