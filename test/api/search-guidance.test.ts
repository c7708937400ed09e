/**
 * Issue 12 through the real app: the "not here" box on the search page and in the JSON feed, its
 * per-centre table edited in the console, every Object.prototype name as user input answering 200,
 * and the confirmation of a procedure's fees and limits (public page, JSON, console, audit), on
 * SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser } from '../support/factories.ts';
import { form, signIn, type Session } from '../support/http.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog, publishImport, stageEdit } from '../../src/features/catalog/service.ts';
import type { ProcedureData } from '../../src/features/catalog/model.ts';

interface Feed {
  items: { code: string }[];
  total: number;
  guidance: { id: string; kind: string; title: string; where: string; related: { code: string; url: string }[] }[];
}

/** Every property name of Object.prototype, and the spellings that reach a prototype through a lookup. */
const PROTO_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'constructor.prototype',
  'constructor[prototype]',
  '__proto__.polluted',
  'prototype',
  'hasOwnProperty',
  'toString',
];

const topicsOf = (html: string) => [...html.matchAll(/data-testid="guidance" data-topic="([^"]+)"/g)].map((m) => m[1]);

for (const { name, fresh } of DATABASES) {
  describe(`search guidance and confirmed data (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let controller: Session;
    let receiver: Session;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(
        t.deps,
        SYSTEM_ACTOR,
        slug,
        'test',
        readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures,
      );
      const u = await makeUser(t.deps, c.id, ['tthc_controller'], { fullName: 'Trần Thị Kiểm' });
      controller = await signIn(app, u.username, u.password);
      const r = await makeUser(t.deps, c.id, ['receiver']);
      receiver = await signIn(app, r.username, r.password);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const page = (q: string) => app.inject({ url: `/${slug}/thu-tuc?q=${encodeURIComponent(q)}` });
    const feed = async (q: string) => {
      const r = await app.inject({ url: `/api/v1/centers/${slug}/procedures?q=${encodeURIComponent(q)}` });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Feed>();
    };

    test('a matter of the police: the box says where to go, above the results (HTML and JSON)', async () => {
      for (const q of ['làm căn cước công dân', 'lam CCCD o dau', 'cấp hộ chiếu', 'xin giấy xác nhận cư trú']) {
        const r = await page(q);
        assert.equal(r.statusCode, 200);
        const topics = topicsOf(r.body);
        assert.equal(topics.length, 1, `${q}: ${topics.join(', ')}`);
        assert.ok(r.body.indexOf('data-testid="guidance"') < r.body.indexOf('data-testid="result-summary"'));
        assert.match(r.body, /Công an/);
        const f = await feed(q);
        assert.deepEqual(
          f.guidance.map((g) => g.id),
          topics,
        );
        const [g] = f.guidance;
        assert.ok(g);
        assert.match(g.where, /Công an|xuất nhập cảnh/);
      }
    });

    test('the household book: abolished from 01/01/2023, the residence procedures below it', async () => {
      const r = await page('cấp sổ hộ khẩu');
      assert.deepEqual(topicsOf(r.body), ['so-ho-khau']);
      assert.match(r.body, /01\/01\/2023/);
      assert.match(r.body, /class="guidance abolished"/);
      const f = await feed('so ho khau');
      const [g] = f.guidance;
      assert.ok(g);
      assert.equal(g.kind, 'abolished');
      assert.deepEqual(
        g.related.map((x) => x.code),
        ['1.004222', '1.004194'],
      );
      assert.ok(g.related.some((x) => x.url.endsWith(`/${slug}/thu-tuc/1.004222`)));
      assert.equal(f.items[0]?.code, '1.004222');
    });

    test('no box for what the centre handles itself, nor for ordinary queries', async () => {
      // residence registration is in this centre's catalogue (received on the police's behalf)
      for (const q of ['đăng ký tạm trú', 'đăng ký thường trú', 'khai sinh', 'công chứng căn cước', '']) {
        assert.deepEqual(topicsOf((await page(q)).body), [], q);
        assert.deepEqual((await feed(q)).guidance, [], q);
      }
    });

    test('the queries of issue 12 rank the right procedure first over HTTP', async () => {
      const cases: [string, string][] = [
        ['trợ cấp người già', '1.014027'],
        ['sửa tên trong giấy khai sinh', '1.004859'],
        ['mất giấy khai sinh', '2.000635'],
      ];
      for (const [q, code] of cases) assert.equal((await feed(q)).items[0]?.code, code, q);
    });

    test('every Object.prototype name as a query, a field or a code answers without a server error', async () => {
      for (const n of PROTO_NAMES) {
        const e = encodeURIComponent(n);
        for (const url of [
          `/${slug}/thu-tuc?q=${e}`,
          `/${slug}/thu-tuc?linh-vuc=${e}`,
          `/${slug}/thu-tuc?q=${e}&linh-vuc=${e}`,
          `/api/v1/centers/${slug}/procedures?q=${e}`,
          `/api/v1/centers/${slug}/procedures?field=${e}`,
          `/${slug}/nhung/thu-tuc?q=${e}`,
        ]) {
          const r = await app.inject({ url });
          assert.equal(r.statusCode, 200, `${url} → ${r.statusCode} ${r.body.slice(0, 200)}`);
        }
        for (const url of [`/${slug}/thu-tuc/${e}`, `/api/v1/centers/${slug}/procedures/${e}`]) {
          const r = await app.inject({ url });
          assert.ok([404, 400].includes(r.statusCode), `${url} → ${r.statusCode}`);
        }
        const r = await app.inject({ url: `/${slug}/thu-tuc?${e}=1&q=khai+sinh` });
        assert.equal(r.statusCode, 200, `parameter named ${n}`);
      }
    });

    test('the console edits the centre’s own table; bad JSON is a clear 400; reset returns to the defaults', async () => {
      const get = await app.inject({ url: '/console/catalog/guidance', headers: { cookie: controller.cookie } });
      assert.equal(get.statusCode, 200);
      assert.match(get.body, /data-testid="guidance-state"/);
      const own = [
        {
          id: 'giay-phep-lai-xe',
          kind: 'elsewhere',
          triggers: ['giấy phép lái xe', 'bằng lái'],
          title: 'Giấy phép lái xe',
          text: 'Cấp, đổi giấy phép lái xe không làm tại xã.',
          where: 'Công an tỉnh (Phòng Cảnh sát giao thông).',
          related: [],
        },
      ];
      const bad = await app.inject({
        method: 'POST',
        url: '/console/catalog/guidance',
        ...form(controller, { topics: JSON.stringify([{ ...own[0], kind: 'maybe' }]), action: 'save' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /elsewhere, abolished hoặc partly/);
      const broken = await app.inject({
        method: 'POST',
        url: '/console/catalog/guidance',
        ...form(controller, { topics: '[{', action: 'save' }),
      });
      assert.equal(broken.statusCode, 400);
      const denied = await app.inject({
        method: 'POST',
        url: '/console/catalog/guidance',
        ...form(receiver, { topics: JSON.stringify(own), action: 'save' }),
      });
      assert.equal(denied.statusCode, 403);

      const ok = await app.inject({
        method: 'POST',
        url: '/console/catalog/guidance',
        ...form(controller, { topics: JSON.stringify(own), action: 'save' }),
      });
      assert.equal(ok.statusCode, 303);
      assert.deepEqual(topicsOf((await page('đổi bằng lái')).body), ['giay-phep-lai-xe']);
      assert.deepEqual((await feed('hộ chiếu')).guidance, []); // the centre's table replaced the defaults
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'catalog.guidance.%')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['catalog.guidance.save'],
      );

      const reset = await app.inject({
        method: 'POST',
        url: '/console/catalog/guidance',
        ...form(controller, { topics: '', action: 'reset' }),
      });
      assert.equal(reset.statusCode, 303);
      assert.deepEqual(
        (await feed('hộ chiếu')).guidance.map((g) => g.id),
        ['ho-chieu'],
      );
    });

    test('confirmation: the warning gives way to “Đã đối chiếu ngày …”, until a version changes the values', async () => {
      const code = '1.000656';
      const before1 = await app.inject({ url: `/${slug}/thu-tuc/${code}` });
      assert.match(before1.body, /data-testid="unverified"/);
      assert.doesNotMatch(before1.body, /data-testid="confirmed"/);
      const j0 = (await app.inject({ url: `/api/v1/centers/${slug}/procedures/${code}` })).json<{
        confirmedAt: string | null;
        unverified: string[];
      }>();
      assert.equal(j0.confirmedAt, null);
      assert.ok(j0.unverified.includes('fees'));

      const denied = await app.inject({
        method: 'POST',
        url: `/console/catalog/procedures/${code}/confirm`,
        ...form(receiver, { source: '' }),
      });
      assert.equal(denied.statusCode, 403);
      const unknown = await app.inject({
        method: 'POST',
        url: '/console/catalog/procedures/9.999999/confirm',
        ...form(controller, { source: '' }),
      });
      assert.equal(unknown.statusCode, 404);

      const ok = await app.inject({
        method: 'POST',
        url: `/console/catalog/procedures/${code}/confirm`,
        ...form(controller, { source: 'Quyết định công bố của UBND thành phố' }),
      });
      assert.equal(ok.statusCode, 303);
      const list = await app.inject({ url: String(ok.headers.location), headers: { cookie: controller.cookie } });
      assert.match(list.body, /Đã ghi nhận việc đối chiếu thủ tục 1\.000656/);
      assert.match(list.body, /Trần Thị Kiểm/);

      const after1 = await app.inject({ url: `/${slug}/thu-tuc/${code}` });
      assert.match(after1.body, /data-testid="confirmed"/);
      assert.match(after1.body, /Đã đối chiếu ngày \d{2}\/\d{2}\/\d{4}/);
      assert.doesNotMatch(after1.body, /data-testid="unverified"/); // 1.000656 has no other open field
      const j1 = (await app.inject({ url: `/api/v1/centers/${slug}/procedures/${code}` })).json<{
        confirmedAt: string | null;
        unverified: string[];
      }>();
      assert.ok(j1.confirmedAt);
      assert.deepEqual(j1.unverified, []);

      // a procedure whose document list is still unknown keeps the notice for that field alone
      await app.inject({
        method: 'POST',
        url: '/console/catalog/procedures/1.001612/confirm',
        ...form(controller, { source: '' }),
      });
      const hkd = (await app.inject({ url: `/api/v1/centers/${slug}/procedures/1.001612` })).json<{
        unverified: string[];
      }>();
      assert.deepEqual(hkd.unverified, ['components']);
      assert.match((await app.inject({ url: `/${slug}/thu-tuc/1.001612` })).body, /data-testid="unverified"/);

      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject', 'actor_user_id'])
        .where('action', '=', 'catalog.procedure.confirm')
        .execute();
      assert.deepEqual(audit.map((a) => a.subject).sort(), ['1.000656', '1.001612']);
      assert.ok(audit.every((a) => a.actor_user_id !== null));

      // a new version with another fee is not covered by the old confirmation
      const data = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures.find(
        (p: ProcedureData) => p.code === code,
      );
      assert.ok(data);
      const staged = await stageEdit(t.deps, SYSTEM_ACTOR, slug, {
        ...data,
        fees: [
          {
            name: 'Lệ phí đăng ký khai tử quá hạn',
            amount: 8000,
            per: 'đồng/trường hợp',
            condition: '',
            legalBasis: '',
          },
        ],
      });
      await publishImport(t.deps, SYSTEM_ACTOR, slug, staged.importId);
      const after2 = await app.inject({ url: `/${slug}/thu-tuc/${code}` });
      assert.doesNotMatch(after2.body, /data-testid="confirmed"/);
      assert.match(after2.body, /data-testid="unverified"/);
    });
  });
}
