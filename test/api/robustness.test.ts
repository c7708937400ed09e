/** Bad input at every route gets a catalogue error — never a 500, never a stack trace. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';
import { buildApp } from '../../src/core/http/app.ts';

for (const { name, fresh } of DATABASES) {
  describe(`robustness (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let s: Session;
    let slug: string;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      const u = await makeUser(t.deps, c.id, ['admin']);
      s = await signIn(app, u.username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const noStack = (body: string) => {
      assert.doesNotMatch(body, /at .+\.(ts|js|tsx):\d+/);
    };

    test('odd GET requests', async () => {
      const urls = [
        '/%ZZ',
        '/api/v1/centers/%E0%A4%A',
        `/api/v1/centers/${'x'.repeat(300)}`,
        '/khong-ton-tai',
        '/CAM-GIANG',
        '/api/v1/calendar/deadline',
        `/api/v1/calendar/deadline?center=${slug}&receivedAt=2026-11-25T10:00:00Z&amount=1e309&unit=working_days`,
        `/api/v1/calendar/deadline?center=${slug}&receivedAt=2026-11-25T10:00:00Z&amount=5000&unit=working_days`,
        `/api/v1/calendar/deadline?center=${slug}&receivedAt=9999-11-25T10:00:00Z&amount=1&unit=working_days`,
        `/api/v1/calendar/deadline?center=${slug}&receivedAt=2026-11-25T25:00:00Z&amount=1&unit=working_days`,
        `/api/v1/calendar/deadline?center=${slug}&receivedAt=2026-11-25T10:00:00%2B99:99&amount=1&unit=working_days`,
        `/api/v1/calendar/deadline?center=${slug}&center=${slug}&receivedAt=2026-11-25T10:00:00Z&amount=1&unit=working_days`,
        `/api/v1/calendar/days?center=${slug}&from=&to=`,
        `/api/v1/calendar/days?center=${slug}&from=1800-01-01&to=1800-01-02`,
        '/console/calendar?year=abc',
        '/console/calendar?year=99999',
      ];
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
        assert.ok(
          res.statusCode >= 400 && res.statusCode < 500,
          `${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
        noStack(res.body);
        if (url.startsWith('/api/')) assert.ok(res.json().error.code, url);
      }
    });

    test('odd POST requests', async () => {
      const cases = [
        {
          url: '/api/v1/calendar/notices',
          headers: { 'content-type': 'text/plain', cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: 'hello',
        },
        {
          url: '/api/v1/calendar/notices',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: '{"center":',
        },
        {
          url: '/api/v1/calendar/notices',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: JSON.stringify({ center: slug, date: 'x'.repeat(2_000_000) }),
        },
        {
          url: '/api/v1/calendar/notices',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: JSON.stringify({ center: slug, date: '2027-01-01', working: 'maybe', reason: 'x', legalBasis: 'y' }),
        },
        {
          url: '/api/v1/calendar/notices',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: '[]',
        },
        { url: '/console/calendar/notices', ...form(s, { date: '2027-02-30', reason: 'Nghỉ', legalBasis: 'TB' }) },
        { url: '/console/calendar/notices', ...form(s, { date: '2027-02-03', reason: '', legalBasis: 'TB' }) },
        { url: '/console/calendar/notices/abc/delete', ...form(s, { year: '2027' }) },
        { url: '/console/calendar/notices/999999/delete', ...form(s, { year: '2027' }) },
        { url: '/console/calendar/confirm', ...form(s, { year: 'năm nay' }) },
        {
          url: '/console/login',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'username=%ZZ&password=',
        },
        {
          url: '/console/catalog/imports',
          headers: { 'content-type': 'multipart/form-data; boundary=b', cookie: s.cookie },
          payload: 'garbage',
        },
        {
          url: '/console/catalog/imports',
          headers: { 'content-type': 'multipart/form-data', cookie: s.cookie },
          payload: 'x',
        },
      ];
      for (const c of cases) {
        const res = await app.inject({ method: 'POST', ...c });
        assert.ok(
          res.statusCode >= 400 && res.statusCode < 500,
          `${c.url} ${String(c.payload).slice(0, 60)} → ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
        noStack(res.body);
      }
    });

    test('an unexpected crash answers 500 with a reference id and no internals', async () => {
      const crashing = await buildApp(t.deps, { logger: false });
      crashing.get('/api/v1/boom', async () => {
        throw new Error('database exploded at /secret/path.ts:12:3');
      });
      await crashing.ready();
      try {
        const res = await crashing.inject({
          method: 'GET',
          url: '/api/v1/boom?lang=en',
          headers: { 'x-request-id': 'trace-123' },
        });
        assert.equal(res.statusCode, 500);
        assert.equal(res.json().error.code, 'INTERNAL');
        assert.equal(res.json().error.requestId, 'trace-123');
        assert.equal(res.headers['x-request-id'], 'trace-123');
        assert.match(res.json().error.message, /reference/);
        assert.doesNotMatch(res.body, /exploded|secret/);
        const page = await crashing.inject({ method: 'GET', url: '/api/v1/boom', headers: { accept: 'text/html' } });
        assert.equal(page.statusCode, 500);
      } finally {
        await crashing.close();
      }
    });

    test('secrets with multi-byte characters are refused, never a 500', async () => {
      const page = await app.inject({ method: 'GET', url: '/console/login' });
      const c = page.cookies.find((x) => x.name === 'mc_login_csrf')!.value;
      const res = await app.inject({
        method: 'POST',
        url: '/console/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `mc_login_csrf=${c}` },
        payload: new URLSearchParams({ _csrf: 'é'.repeat(c.length), username: 'a', password: 'b' }).toString(),
      });
      assert.equal(res.statusCode, 403);
      const out = await app.inject({
        method: 'POST',
        url: '/console/logout',
        ...form({ ...s, csrf: 'ệ'.repeat(s.csrf.length) }, {}),
      });
      assert.equal(out.statusCode, 403);
      const lookup = await app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/X-1?secret=${encodeURIComponent('ÉÉÉÉÉÉ')}`,
      });
      assert.equal(lookup.statusCode, 404);
    });

    test('printables accept only their paper sizes: no header injection, no 500', async () => {
      for (const kho of ['a"; filename*=UTF-8\'\'evil.html; x="', '\r\n', 'ệ', 'A9']) {
        const res = await app.inject({ method: 'GET', url: `/${slug}/in/bang-phi.pdf?kho=${encodeURIComponent(kho)}` });
        assert.equal(res.statusCode, 400, kho);
        assert.ok(!String(res.headers['content-disposition'] ?? '').includes('evil'));
      }
    });

    test('a form error re-renders the page with the message in Vietnamese', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/console/calendar/notices',
        ...form(s, { date: '2027-02-03', working: '0', reason: '', legalBasis: 'TB' }),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Cần nhập lý do/);
      assert.match(res.body, /Lịch làm việc năm 2027/);
    });
  });
}
