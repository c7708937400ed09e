/**
 * A province runs it (issue 15): centres created by the province administrator (API and
 * console), tenant isolation over every registered staff route, proxy trust that a spoofed
 * X-Forwarded-For cannot fool, login limits per (IP, username), per username and per IP with
 * failed logins audited, request logs without lookup secrets, /readyz and /metrics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { cookiesOf, form, hiddenCsrf, signIn, testApp, type Session } from '../support/http.ts';
import { buildApp } from '../../src/core/http/app.ts';
import { createUser } from '../../src/core/auth/service.ts';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { PUBLIC_FORM_FLOOD } from '../../src/core/http/submission-limit.ts';
import type { Deps } from '../../src/core/deps.ts';
import { readFileSync } from 'node:fs';
import { readCatalogFile } from '../../src/features/catalog/index.ts';
import { importCatalogInto } from '../../src/features/centers/province.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';

let seq = 0;
const uid = () => `${process.pid.toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function loginAttempt(
  app: FastifyInstance,
  username: string,
  password: string,
  headers: Record<string, string> = {},
  remoteAddress = '203.0.113.7',
) {
  const page = await app.inject({ method: 'GET', url: '/console/login', remoteAddress });
  return app.inject({
    method: 'POST',
    url: '/console/login',
    remoteAddress,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `mc_login_csrf=${cookiesOf(page).mc_login_csrf}`,
      ...headers,
    },
    payload: new URLSearchParams({ _csrf: hiddenCsrf(page.body), username, password }).toString(),
  });
}

async function auditRows(t: TestDb, action: string) {
  return t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

test('TRUST_PROXY takes a hop count or proxy addresses, never "everything"', () => {
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).proxyTrust, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, true);
  assert.equal(loadConfig({}).trustProxy, false);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.2,172.16.0.0/12,::1' }).proxyTrust, [
    '10.0.0.2',
    '172.16.0.0/12',
    '::1',
  ]);
  for (const bad of ['true', '*', 'all', 'abc', '1.2.3'])
    assert.throws(() => loadConfig({ TRUST_PROXY: bad }), ConfigError, bad);
});

test('DATA_DIR defaults to ./var, the file outbox is off unless NOTIFY_FILE_DIR is set', () => {
  const c = loadConfig({});
  assert.match(c.dataDir, /\/var$/);
  assert.equal(c.notify.fileDir, null);
  assert.equal(loadConfig({ DEMO: 'auto' }).notify.fileDir, null);
  assert.match(loadConfig({ NOTIFY_FILE_DIR: '/tmp/outbox' }).notify.fileDir ?? '', /outbox$/);
  assert.equal(c.retentionDays, 365);
});

for (const { name, fresh } of DATABASES) {
  describe(`a province runs it (${name})`, { timeout: 180_000 }, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let provinceToken: string;
    let province: Session;
    const A = { slug: `xa-a-${uid()}`, agency: `H26.A${uid().toUpperCase()}`.replace(/[^A-Z0-9.]/g, '') };
    const B = { slug: `xa-b-${uid()}`, agency: `H26.B${uid().toUpperCase()}`.replace(/[^A-Z0-9.]/g, '') };
    const bName = `Trung tâm Phục vụ hành chính công xã Bí Mật ${uid()}`;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      // The first centre exists (the province's own or the demo); the administrator is created there.
      const home = await t.deps.db
        .insertInto('center')
        .values({
          slug: `tinh-${uid()}`,
          name: 'Sở Nội vụ',
          short_name: 'Sở Nội vụ',
          parent_body: 'UBND tỉnh',
          province: 'Thành phố Hải Phòng',
          agency_code: `H26.S${Date.now()}${seq++}`,
          address: '',
          phones: '[]',
          working_sessions: '[{"start":"07:30","end":"11:30"},{"start":"13:30","end":"17:00"}]',
          same_day_cutoff: '15:00',
          same_day_weekdays: '[]',
          culture_day_enabled: 1,
          culture_day_confirmed: 0,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const username = `tinh${uid()}`;
      await createUser(t.deps, {
        centerId: home.id,
        username,
        fullName: 'Quản trị cấp tỉnh',
        roles: ['province-admin'],
        password: TEST_PASSWORD,
      });
      provinceToken = await makeToken(t.deps, username);
      // A province administrator without a centre role lands on the province console.
      const res = await loginAttempt(app, username, TEST_PASSWORD, {}, '127.0.0.1');
      assert.equal(res.headers.location, '/console/province-admin');
      const cookie = `mc_session=${cookiesOf(res).mc_session}`;
      const page = await app.inject({ method: 'GET', url: '/console/province-admin', headers: { cookie } });
      province = { cookie, csrf: hiddenCsrf(page.body) };
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const api = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });

    test('the province administrator creates centres by API and console; bad slugs and codes get clear errors', async () => {
      const a = await api('POST', '/api/v1/province/centers', provinceToken, {
        slug: A.slug,
        name: 'Trung tâm Phục vụ hành chính công xã An',
        agencyCode: A.agency,
        province: 'Thành phố Hải Phòng',
      });
      assert.equal(a.statusCode, 201, a.body);
      // The console form.
      const b = await app.inject({
        method: 'POST',
        url: '/console/province-admin/centers',
        ...form(province, {
          slug: B.slug,
          name: bName,
          agencyCode: B.agency,
          province: 'Thành phố Hải Phòng',
          address: '',
        }),
      });
      assert.equal(b.statusCode, 303, b.body);
      const page = await app.inject({
        method: 'GET',
        url: '/console/province-admin',
        headers: { cookie: province.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(A.slug) && page.body.includes(B.slug));
      assert.match(page.body, /Các Trung tâm của tỉnh/);

      const dupSlug = await api('POST', '/api/v1/province/centers', provinceToken, {
        slug: A.slug,
        name: 'X',
        agencyCode: 'H26.ZZZ9',
        province: 'Hải Phòng',
      });
      assert.equal(dupSlug.statusCode, 409);
      assert.equal(dupSlug.json().error.code, 'SLUG_TAKEN');
      const dupCode = await api('POST', '/api/v1/province/centers', provinceToken, {
        slug: `xa-c-${uid()}`,
        name: 'X',
        agencyCode: A.agency.toLowerCase(),
        province: 'Hải Phòng',
      });
      assert.equal(dupCode.statusCode, 409);
      assert.equal(dupCode.json().error.code, 'AGENCY_CODE_TAKEN');
      for (const slug of ['Xa-Hoa', 'xã-hoà', 'console', 'a', 'xa--b', '-xa']) {
        const r = await api('POST', '/api/v1/province/centers', provinceToken, {
          slug,
          name: 'X',
          agencyCode: `H26.Q${uid()
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, '')}`,
          province: 'HP',
        });
        assert.equal(r.statusCode, 400, slug);
        assert.equal(r.json().error.details[0].field, 'slug');
      }
      const badForm = await app.inject({
        method: 'POST',
        url: '/console/province-admin/centers',
        ...form(province, { slug: 'Xã Hoà', name: 'X', agencyCode: 'H26.X1', province: 'HP', address: '' }),
      });
      assert.equal(badForm.statusCode, 400);
      assert.match(badForm.body, /Mã đường dẫn dài 2–60 ký tự/);
    });

    test('only the province administrator may create centres or see the province table', async () => {
      const admin = await makeUser(t.deps, await centerId(t.deps, A.slug), ['admin']);
      const token = await makeToken(t.deps, admin.username);
      const r = await api('POST', '/api/v1/province/centers', token, {
        slug: `xa-${uid()}`,
        name: 'X',
        agencyCode: 'H26.NOPE1',
        province: 'HP',
      });
      assert.equal(r.statusCode, 403);
      assert.equal((await api('GET', '/api/v1/province/centers', token)).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/province/centers' })).statusCode, 401);
      const list = await api('GET', '/api/v1/province/centers', provinceToken);
      assert.equal(list.statusCode, 200);
      const rowB = list.json().centers.find((c: { slug: string }) => c.slug === B.slug);
      assert.equal(rowB.agencyCode, B.agency);
      assert.equal(rowB.dossiers, 0);
      assert.equal(typeof rowB.outboxWaiting, 'number');
      assert.ok((await auditRows(t, 'center.create')).length >= 2);
    });

    test('copying settings and assigning a province officer from the console', async () => {
      const a = await centerId(t.deps, A.slug);
      await t.deps.db
        .updateTable('center')
        .set({ same_day_cutoff: '14:00', same_day_weekdays: '[2,5]' })
        .where('id', '=', a)
        .execute();
      const r = await app.inject({
        method: 'POST',
        url: '/console/province-admin/settings-copy',
        ...form(province, { from: A.slug, to: B.slug }),
      });
      assert.equal(r.statusCode, 303, r.body);
      const b = await t.deps.db.selectFrom('center').selectAll().where('slug', '=', B.slug).executeTakeFirstOrThrow();
      assert.equal(b.same_day_cutoff, '14:00');
      assert.equal(b.same_day_weekdays, '[2,5]');
      const officer = await makeUser(t.deps, a, ['province']);
      const o = await app.inject({
        method: 'POST',
        url: '/console/province-admin/officers',
        ...form(province, { username: officer.username, to: B.slug }),
      });
      assert.equal(o.statusCode, 303, o.body);
      const roles = await t.deps.db.selectFrom('user_role').selectAll().where('role', '=', 'province').execute();
      assert.ok(roles.some((x) => x.center_id === b.id));
    });

    test('a catalogue imported into one centre is copied to another from the console', async () => {
      const { procedures } = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json'));
      const published = await importCatalogInto(t.deps, SYSTEM_ACTOR, A.slug, 'cam-giang.json', procedures);
      assert.ok(published > 10);
      const r = await app.inject({
        method: 'POST',
        url: '/console/province-admin/catalog-copy',
        ...form(province, { from: A.slug, to: B.slug }),
      });
      assert.equal(r.statusCode, 303, r.body);
      const count = async (slug: string) =>
        Number(
          (
            await t.deps.db
              .selectFrom('procedure')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('center_id', '=', await centerId(t.deps, slug))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count(B.slug), await count(A.slug));
      assert.ok((await auditRows(t, 'center.catalog_import')).some((x) => x.subject === B.slug));
      // Copying from a centre that does not exist is a clear error on the page, nothing half-done.
      const bad = await app.inject({
        method: 'POST',
        url: '/console/province-admin/catalog-copy',
        ...form(province, { from: 'khong-co', to: B.slug }),
      });
      assert.equal(bad.statusCode, 404);
      assert.match(bad.body, /Không tìm thấy Trung tâm/);
    });

    test('staff of centre A get 404/403 on every staff route of centre B (driven by the registered route list)', async () => {
      const a = await centerId(t.deps, A.slug);
      const adminA = await makeUser(t.deps, a, [
        'admin',
        'director',
        'tthc_controller',
        'receiver',
        'specialist',
        'clerk',
        'accountant',
      ]);
      const tokenA = await makeToken(t.deps, adminA.username);
      const sessionA = await signIn(app, adminA.username, TEST_PASSWORD);
      const fill = (url: string, slug: string) =>
        url.replace(':slug', slug).replace(/:(\w+)/g, (_m, p: string) => (p === 'code' ? 'H26-000000-0001' : '1'));
      const routes = app.routeList.filter(
        (r) =>
          ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) &&
          (r.url.startsWith('/api/') || r.url.startsWith('/console')) &&
          !r.url.startsWith('/console/login') &&
          // Server-sent event streams (the public queue board) never end; their state route is checked.
          !r.url.endsWith('/events') &&
          r.url !== '/console/logout',
      );
      assert.ok(routes.length > 50, `only ${routes.length} staff routes found`);
      const leaks: string[] = [];
      let checked = 0;
      for (const r of routes) {
        const url = fill(r.url, B.slug);
        const sep = url.includes('?') ? '&' : '?';
        const target = r.url.includes(':slug') ? url : `${url}${sep}center=${B.slug}&slug=${B.slug}`;
        const headers: Record<string, string> = r.url.startsWith('/api/')
          ? { authorization: `Bearer ${tokenA}` }
          : { cookie: sessionA.cookie, 'x-csrf-token': sessionA.csrf };
        const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
        // A route that answers anyone without signing in is public (its own tests cover what it shows).
        const anonymous = await app.inject({ method: r.method as 'GET', url: target });
        if (anonymous.statusCode < 400) continue;
        const res = await app.inject({
          method: r.method as 'GET',
          url: target,
          headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: JSON.stringify({ center: B.slug, slug: B.slug }) } : {}),
        });
        checked++;
        if (res.statusCode >= 500) leaks.push(`${r.method} ${r.url}: ${res.statusCode}`);
        // The province table (province administrators only) and the public centre list name every centre by design.
        const publicList =
          r.url === '/api/v1/centers' ||
          r.url === '/api/v1/centers/:slug' ||
          r.url.startsWith('/api/v1/centers/:slug/procedures') ||
          r.url === '/api/v1/openapi.json';
        if (publicList) continue;
        if (r.url.includes(':slug') && res.statusCode < 400) leaks.push(`${r.method} ${r.url}: ${res.statusCode}`);
        if (res.body.includes(bName) || res.body.includes(B.agency)) leaks.push(`${r.method} ${r.url}: shows centre B`);
      }
      assert.ok(checked > 50);
      assert.deepEqual(leaks, []);
    });

    test('a spoofed X-Forwarded-For does not bypass the login, lookup or public-form limits (TRUST_PROXY=1)', async () => {
      const deps: Deps = {
        ...t.deps,
        config: { ...t.deps.config, trustProxy: true, proxyTrust: 1, loginRateLimit: 10 },
      };
      const proxied = await buildApp(deps, { logger: false });
      await proxied.ready();
      try {
        const user = await makeUser(t.deps, await centerId(t.deps, A.slug), ['receiver']);
        // The proxy (127.0.0.1) appends the real client; the client invents the left part.
        const codes: number[] = [];
        for (let i = 0; i < 14; i++) {
          const r = await loginAttempt(
            proxied,
            user.username,
            'sai-mat-khau',
            { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.20` },
            '127.0.0.1',
          );
          codes.push(r.statusCode);
        }
        assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
        assert.ok(
          codes.slice(10).every((c) => c === 429),
          codes.join(','),
        );
        // Another real client behind the same proxy is not affected by that one's limit.
        const other = await loginAttempt(
          proxied,
          user.username,
          TEST_PASSWORD,
          { 'x-forwarded-for': '198.51.100.99' },
          '127.0.0.1',
        );
        assert.equal(other.statusCode, 303);

        const statuses: number[] = [];
        for (let i = 0; i < 35; i++) {
          const r = await proxied.inject({
            method: 'GET',
            url: `/${A.slug}/tra-cuu?ma=H26-260101-0001&bi-mat=SAI${i}`,
            remoteAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': `1.1.${i}.1, 198.51.100.30` },
          });
          statuses.push(r.statusCode);
        }
        assert.equal(statuses.filter((s) => s === 429).length, 5, statuses.join(','));

        // Rejected forms do not count towards the 5 accepted submissions, but every request counts
        // towards the flood limit in front (PUBLIC_FORM_FLOOD): a new invented address each time
        // must not reset it.
        const posts: number[] = [];
        for (let i = 0; i < PUBLIC_FORM_FLOOD.max + 3; i++) {
          const r = await proxied.inject({
            method: 'POST',
            url: `/${A.slug}/phan-anh`,
            remoteAddress: '127.0.0.1',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-forwarded-for': `2.2.${i}.2, 198.51.100.40`,
            },
            payload: 'noi-dung=x',
          });
          posts.push(r.statusCode);
        }
        assert.equal(posts.filter((s) => s === 429).length, 3, posts.join(','));
        assert.ok(posts.slice(0, PUBLIC_FORM_FLOOD.max).every((s) => s === 400));
      } finally {
        await proxied.close();
      }
    });

    test('with the proxy given by address, X-Forwarded-For counts only from that address', async () => {
      const deps: Deps = { ...t.deps, config: { ...t.deps.config, trustProxy: true, proxyTrust: ['10.0.0.5'] } };
      const proxied = await buildApp(deps, { logger: false });
      proxied.get('/__ip', (req) => ({ ip: req.ip }));
      await proxied.ready();
      try {
        const via = await proxied.inject({
          method: 'GET',
          url: '/__ip',
          remoteAddress: '10.0.0.5',
          headers: { 'x-forwarded-for': '1.2.3.4, 198.51.100.50' },
        });
        assert.equal(via.json().ip, '198.51.100.50');
        const direct = await proxied.inject({
          method: 'GET',
          url: '/__ip',
          remoteAddress: '203.0.113.9',
          headers: { 'x-forwarded-for': '1.2.3.4' },
        });
        assert.equal(direct.json().ip, '203.0.113.9');
      } finally {
        await proxied.close();
      }
    });

    test('login limits: one user guessed from one address does not lock out the others; guesses across addresses are capped; all audited', async () => {
      const a = await centerId(t.deps, A.slug);
      const victim = await makeUser(t.deps, a, ['receiver']);
      const colleague = await makeUser(t.deps, a, ['receiver']);
      const ip = '192.0.2.10';
      for (let i = 0; i < 10; i++)
        assert.equal((await loginAttempt(app, victim.username, 'sai', {}, ip)).statusCode, 401);
      assert.equal((await loginAttempt(app, victim.username, 'sai', {}, ip)).statusCode, 429);
      // The colleague behind the same address still signs in.
      assert.equal((await loginAttempt(app, colleague.username, TEST_PASSWORD, {}, ip)).statusCode, 303);
      // Password guessing spread over many addresses: 3 × LOGIN_RATE_LIMIT failures per username.
      const target = await makeUser(t.deps, a, ['receiver']);
      const codes: number[] = [];
      for (let i = 0; i < 32; i++)
        codes.push((await loginAttempt(app, target.username, 'sai', {}, `198.18.${i}.1`)).statusCode);
      assert.equal(codes.filter((c) => c === 401).length, 30, codes.join(','));
      assert.equal(codes.filter((c) => c === 429).length, 2);
      const failed = await auditRows(t, 'auth.login_failed');
      const mine = failed.filter((r) => r.subject === victim.username);
      assert.equal(mine.length, 10);
      assert.equal(mine.at(0)?.center_id, a);
      assert.equal(JSON.parse(mine.at(0)?.detail ?? '{}').ip, ip);
      assert.ok((await auditRows(t, 'auth.login_limited')).some((r) => r.subject === target.username));
      // An unknown user is audited without a centre; a password typed as the username is not stored.
      await loginAttempt(app, 'Mật khẩu bí mật 123!', 'x', {}, '192.0.2.99');
      const odd = (await auditRows(t, 'auth.login_failed')).filter(
        (r) => JSON.parse(r.detail ?? '{}').ip === '192.0.2.99',
      );
      assert.equal(odd.length, 1);
      assert.equal(odd.at(0)?.subject, null);
      assert.equal(odd.at(0)?.center_id, null);
    });

    test('request logs keep route and status but never the query string (lookup secrets)', async () => {
      const lines: string[] = [];
      const logged = await buildApp(
        { ...t.deps, config: { ...t.deps.config, logLevel: 'info' } },
        { logStream: { write: (l) => lines.push(l) } },
      );
      await logged.ready();
      try {
        await logged.inject({ method: 'GET', url: `/${A.slug}/tra-cuu?ma=H26-260101-0001&bi-mat=K7Q2X9` });
        await logged.inject({ method: 'GET', url: `/${A.slug}/tra-cuu?ma=H26-260101-0001&secret=Z8W3M1` });
        await logged.inject({ method: 'GET', url: `/${A.slug}/danh-gia?ma=H26-260101-0001&bi-mat=P4R5T6` });
        await logged.inject({ method: 'GET', url: `/${A.slug}/phan-anh/PA-SECRETCODE9` });
        await logged.inject({ method: 'GET', url: `/console/dossiers?q=Nguy%E1%BB%85n%20V%C4%83n%20An` });
      } finally {
        await logged.close();
      }
      const all = lines.join('');
      assert.ok(lines.length >= 5, all);
      for (const secret of ['K7Q2X9', 'Z8W3M1', 'P4R5T6', 'PA-SECRETCODE9', 'Nguy', 'bi-mat', 'secret='])
        assert.ok(!all.includes(secret), `${secret} in logs:\n${all}`);
      const entries = lines.map(
        (l) => JSON.parse(l) as { msg: string; req?: { url: string }; res?: { statusCode: number } },
      );
      const done = entries.filter((e) => e.msg === 'request completed');
      assert.ok(done.some((e) => e.req?.url === '/:slug/tra-cuu' && e.res?.statusCode === 404));
      assert.ok(done.some((e) => e.req?.url === '/:slug/danh-gia'));
      assert.ok(done.some((e) => e.req?.url === '/console/dossiers'));
    });

    test('/healthz is liveness, /readyz checks the database, storage and outbox, /metrics needs the token', async () => {
      const h = await app.inject({ method: 'GET', url: '/healthz' });
      assert.deepEqual(h.json(), { status: 'ok', database: name });
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(Object.keys(r.json().checks).sort(), ['database', 'outbox', 'storage']);
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);

      const token = 'metrics-token-0123456789';
      const m = await buildApp({ ...t.deps, config: { ...t.deps.config, metricsToken: token } }, { logger: false });
      await m.ready();
      try {
        await m.inject({ method: 'GET', url: `/${A.slug}` });
        assert.equal((await m.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
        assert.equal(
          (
            await m.inject({
              method: 'GET',
              url: '/metrics',
              headers: { authorization: 'Bearer wrong-token-0123456789' },
            })
          ).statusCode,
          401,
        );
        const ok = await m.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
        assert.equal(ok.statusCode, 200);
        assert.match(ok.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
        assert.match(ok.body, /motcua_http_requests_total\{method="GET",route="\/:slug",status="200"\} 1/);
        assert.match(
          ok.body,
          /motcua_http_request_duration_seconds_bucket\{method="GET",route="\/:slug",le="\+Inf"\} 1/,
        );
        assert.match(ok.body, /^motcua_outbox_waiting \d+$/m);
        assert.match(ok.body, /^motcua_outbox_lag_seconds \d+$/m);
        // An overdue outbox makes the instance not ready.
        const c = await centerId(t.deps, A.slug);
        await t.deps.db
          .insertInto('notification')
          .values({
            center_id: c,
            dossier_id: null,
            kind: 'receipt',
            channel: 'sms',
            recipient: '0912345678',
            subject: '',
            body: 'x',
            status: 'queued',
            attempts: 0,
            next_attempt_at: new Date(Date.now() - 3600_000).toISOString(),
            last_error: null,
            created_at: new Date(Date.now() - 3600_000).toISOString(),
            sent_at: null,
            delivered_at: null,
            provider_id: null,
          })
          .execute();
        const late = await m.inject({ method: 'GET', url: '/readyz' });
        assert.equal(late.statusCode, 503);
        assert.equal(late.json().checks.outbox.ok, false);
        await t.deps.db.deleteFrom('notification').where('center_id', '=', c).execute();
      } finally {
        await m.close();
      }
    });
  });
}

async function centerId(deps: Deps, slug: string): Promise<number> {
  return (await deps.db.selectFrom('center').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
