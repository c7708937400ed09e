/** Accounts over HTTP: sign-in, CSRF, rate limit, bearer tokens, 401 → 403 → 200, tenant isolation. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { resolveApiToken } from '../../src/core/auth/service.ts';
import { cookiesOf, form, hiddenCsrf, signIn, testApp } from '../support/http.ts';

for (const { name, fresh } of DATABASES) {
  describe(`accounts over HTTP (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let a: { id: number; slug: string };
    let b: { id: number; slug: string };
    let adminA: { username: string };
    let volunteerA: { username: string };
    let adminB: { username: string };

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      a = await makeCenter(t.deps);
      b = await makeCenter(t.deps);
      adminA = await makeUser(t.deps, a.id, ['admin']);
      volunteerA = await makeUser(t.deps, a.id, ['volunteer']);
      adminB = await makeUser(t.deps, b.id, ['admin']);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('the login page is Vietnamese, has a CSRF field and sets the login cookie', async () => {
      const res = await app.inject({ method: 'GET', url: '/console/login' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="vi"/);
      assert.match(res.body, /Đăng nhập trang quản trị/);
      assert.ok(hiddenCsrf(res.body).length > 10);
      assert.ok(cookiesOf(res).mc_login_csrf);
      const en = await app.inject({ method: 'GET', url: '/console/login?lang=en' });
      assert.match(en.body, /Sign in to the staff console/);
    });

    test('a correct password opens a session; a wrong one is refused with a clear message', async () => {
      const s = await signIn(app, adminA.username, TEST_PASSWORD);
      const home = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Xin chào, Nguyễn Văn Thử/);

      const page = await app.inject({ method: 'GET', url: '/console/login' });
      const bad = await app.inject({
        method: 'POST',
        url: '/console/login',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `mc_login_csrf=${cookiesOf(page).mc_login_csrf}`,
        },
        payload: new URLSearchParams({
          _csrf: hiddenCsrf(page.body),
          username: adminA.username,
          password: 'sai-mat-khau-123',
        }).toString(),
      });
      assert.equal(bad.statusCode, 401);
      assert.match(bad.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
      assert.equal(cookiesOf(bad).mc_session, undefined);
    });

    test('a login form without its CSRF token is refused', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/console/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username: adminA.username, password: TEST_PASSWORD }).toString(),
      });
      assert.equal(res.statusCode, 403);
      assert.equal(cookiesOf(res).mc_session, undefined);
    });

    test('console pages redirect to the login page without a session', async () => {
      const res = await app.inject({ method: 'GET', url: '/console/calendar' });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/console/login?next=%2Fconsole%2Fcalendar');
    });

    test('a state-changing console form without the session CSRF token is refused', async () => {
      const s = await signIn(app, adminA.username, TEST_PASSWORD);
      const res = await app.inject({
        method: 'POST',
        url: '/console/calendar/notices',
        ...form(
          { ...s, csrf: 'wrong' },
          { date: '2027-01-02', working: '1', reason: 'Làm bù', legalBasis: 'TB 1/2026' },
        ),
      });
      assert.equal(res.statusCode, 403);
      const json = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { cookie: s.cookie },
        payload: { center: a.slug, date: '2027-01-02', working: true, reason: 'Làm bù', legalBasis: 'TB' },
      });
      assert.equal(json.statusCode, 403);
      assert.equal(json.json().error.code, 'CSRF_INVALID');
    });

    test('logout ends the session', async () => {
      const s = await signIn(app, adminA.username, TEST_PASSWORD);
      const out = await app.inject({ method: 'POST', url: '/console/logout', ...form(s, {}) });
      assert.equal(out.statusCode, 303);
      const after = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
      assert.equal(after.statusCode, 302);
    });

    test('API: 401 without a token, 401 with a bad one, 200 with a valid one', async () => {
      const none = await app.inject({ method: 'GET', url: '/api/v1/me' });
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().error.code, 'UNAUTHENTICATED');
      assert.match(none.json().error.messageVi, /đăng nhập/);
      assert.match(none.json().error.messageEn, /token/);
      const bad = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: 'Bearer mct_not-a-token' },
      });
      assert.equal(bad.statusCode, 401);
      const token = await makeToken(t.deps, adminA.username);
      const ok = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().username, adminA.username);
      assert.deepEqual(
        ok.json().centers[0].roles.map((r: { role: string }) => r.role),
        ['admin'],
      );
    });

    test("a token's last use is written at most once a minute, not on every request", async () => {
      const token = await makeToken(t.deps, adminA.username);
      const lastUsed = async () =>
        (
          await t.deps.db
            .selectFrom('api_token')
            .select('last_used_at')
            .where('prefix', '=', token.slice(0, 10))
            .executeTakeFirstOrThrow()
        ).last_used_at;
      const at = (iso: string) => ({ ...t.deps, now: () => new Date(iso) });
      assert.ok(await resolveApiToken(at('2026-12-07T01:00:00.000Z'), token));
      assert.equal(await lastUsed(), '2026-12-07T01:00:00.000Z');
      assert.ok(await resolveApiToken(at('2026-12-07T01:00:59.000Z'), token));
      assert.equal(await lastUsed(), '2026-12-07T01:00:00.000Z');
      assert.ok(await resolveApiToken(at('2026-12-07T01:01:00.500Z'), token));
      assert.equal(await lastUsed(), '2026-12-07T01:01:00.500Z');
    });

    test('401 → 400 → 403 → 201 on a protected API write, and one centre cannot write to another', async () => {
      const body = { center: a.slug, date: '2027-01-09', working: true, reason: 'Làm bù', legalBasis: 'Thông báo thử' };
      assert.equal(
        (await app.inject({ method: 'POST', url: '/api/v1/calendar/notices', payload: body })).statusCode,
        401,
      );
      const adminToken = await makeToken(t.deps, adminA.username);
      const invalid = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: { ...body, date: '2027-02-30' },
      });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.details[0].field, 'date');
      const volunteerToken = await makeToken(t.deps, volunteerA.username);
      const forbidden = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { authorization: `Bearer ${volunteerToken}` },
        payload: body,
      });
      assert.equal(forbidden.statusCode, 403);
      const otherCentre = await makeToken(t.deps, adminB.username);
      const cross = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { authorization: `Bearer ${otherCentre}` },
        payload: body,
      });
      assert.equal(cross.statusCode, 403);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: body,
      });
      assert.equal(ok.statusCode, 201);
      // The notice changes centre A's calendar only.
      const dayA = await app.inject({
        method: 'GET',
        url: `/api/v1/calendar/days?center=${a.slug}&from=2027-01-09&to=2027-01-09`,
      });
      const dayB = await app.inject({
        method: 'GET',
        url: `/api/v1/calendar/days?center=${b.slug}&from=2027-01-09&to=2027-01-09`,
      });
      assert.equal(dayA.json().days[0].working, true);
      assert.equal(dayA.json().days[0].reason, 'Làm bù');
      assert.equal(dayB.json().days[0].working, false);
    });

    test('the console calendar of a user shows only their own centre', async () => {
      const s = await signIn(app, adminB.username, TEST_PASSWORD);
      const page = await app.inject({
        method: 'GET',
        url: '/console/calendar?year=2027',
        headers: { cookie: s.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`xã ${b.slug}`));
      assert.doesNotMatch(page.body, new RegExp(`xã ${a.slug}`));
    });

    test('login attempts are rate limited per IP and username', async () => {
      const victim = await makeUser(t.deps, a.id, ['clerk']);
      let last = 0;
      for (let i = 0; i < t.config.loginRateLimit + 1; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/console/login',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ username: victim.username, password: 'sai' }).toString(),
        });
        last = res.statusCode;
      }
      assert.equal(last, 429);
    });
  });
}
