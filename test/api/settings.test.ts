/** Centre settings in the console: hours, cut-off, same-day days, re-appointments — and their effect. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp, type Session } from '../support/http.ts';

for (const { name, fresh } of DATABASES) {
  describe(`centre settings (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let director: Session;
    let receiver: Session;

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      director = await signIn(app, (await makeUser(t.deps, c.id, ['director'])).username, TEST_PASSWORD);
      receiver = await signIn(app, (await makeUser(t.deps, c.id, ['receiver'])).username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const fields = {
      s1: '07:00',
      e1: '11:00',
      s2: '13:00',
      e2: '17:30',
      cutoff: '15:30',
      weekday: '3',
      maxReappointments: '2',
      apologyWarningHours: '12',
      guidanceTakesCode: '1',
      leaderName: 'Nguyễn Thị Hà',
      leaderTitle: 'Phó Giám đốc',
      address: 'Trụ sở UBND xã',
      email: 'motcua@example.gov.vn',
      phones: 'Bộ phận Một cửa | 0220 3000 001',
    };

    test('the director changes the hours; appointments follow at once', async () => {
      const page = await app.inject({ method: 'GET', url: '/console/settings', headers: { cookie: director.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Thiết lập của Trung tâm/);
      const res = await app.inject({ method: 'POST', url: '/console/settings', ...form(director, fields) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
      const due = await app.inject({
        method: 'GET',
        url: `/api/v1/calendar/deadline?center=${slug}&receivedAt=2026-11-25T09:00:00%2B07:00&amount=1&unit=working_days`,
      });
      assert.equal(due.json().dueAt, '2026-11-26T17:30:00+07:00');
      const pub = (await app.inject({ method: 'GET', url: `/api/v1/centers/${slug}` })).json();
      assert.deepEqual(pub.sameDayWeekdays, [3]);
      assert.equal(pub.sameDayCutoff, '15:30');
      assert.deepEqual(pub.phones, [{ label: 'Bộ phận Một cửa', number: '0220 3000 001' }]);
    });

    test('bad settings are refused with a clear message and nothing changes', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/console/settings',
        ...form(director, { ...fields, e1: '06:00' }),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /không chồng lên nhau|theo thứ tự/);
      const bad = await app.inject({
        method: 'POST',
        url: '/console/settings',
        ...form(director, { ...fields, maxReappointments: '9' }),
      });
      assert.equal(bad.statusCode, 400);
      const pub = (await app.inject({ method: 'GET', url: `/api/v1/centers/${slug}` })).json();
      assert.equal(pub.workingSessions[0].start, '07:00');
    });

    test('the at-risk warning window and counter guidance with a code: saved, shown, audited, validated', async () => {
      const center = () =>
        t.deps.db.selectFrom('center').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
      const before = await center();
      assert.equal(before.apology_warning_hours, 12, 'saved by the first test (8 by default)');
      const page = await app.inject({ method: 'GET', url: '/console/settings', headers: { cookie: director.cookie } });
      assert.match(page.body, /nguy cơ trễ hạn/);
      assert.match(page.body, /name="apologyWarningHours"[^>]*value="12"/);
      const res = await app.inject({
        method: 'POST',
        url: '/console/settings',
        ...form(director, { ...fields, apologyWarningHours: '16' }),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
      let c = await center();
      assert.equal(c.apology_warning_hours, 16);
      assert.equal(c.guidance_takes_code, 1);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'center.settings.update')
        .where('center_id', '=', c.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const detail = JSON.parse(audit.detail ?? '{}') as Record<string, unknown>;
      assert.equal(detail.apology_warning_hours, 16);
      assert.equal(detail.guidance_takes_code, 1);
      const shown = await app.inject({ method: 'GET', url: '/console/settings', headers: { cookie: director.cookie } });
      assert.match(shown.body, /name="apologyWarningHours"[^>]*value="16"/);
      assert.match(shown.body, /name="guidanceTakesCode" value="1" checked/);
      const en = await app.inject({
        method: 'GET',
        url: '/console/settings?lang=en',
        headers: { cookie: director.cookie },
      });
      assert.match(en.body, /at-risk warning window|Warn of dossiers at risk/);
      // An unticked box is off.
      const { guidanceTakesCode: _, ...unticked } = fields;
      assert.equal(
        (await app.inject({ method: 'POST', url: '/console/settings', ...form(director, unticked) })).statusCode,
        303,
      );
      assert.equal((await center()).guidance_takes_code, 0);
      for (const bad of ['0', '41', '2.5', 'tám', '']) {
        const r = await app.inject({
          method: 'POST',
          url: '/console/settings',
          ...form(director, { ...fields, apologyWarningHours: bad }),
        });
        assert.equal(r.statusCode, 400, `window ${bad}`);
        assert.match(r.body, /từ 1 đến 40/);
      }
      c = await center();
      assert.equal(c.apology_warning_hours, 12, 'a refused window changes nothing');
      assert.equal(c.guidance_takes_code, 0);
    });

    test('a receiving officer may not change settings', async () => {
      assert.equal(
        (await app.inject({ method: 'GET', url: '/console/settings', headers: { cookie: receiver.cookie } }))
          .statusCode,
        403,
      );
      assert.equal(
        (await app.inject({ method: 'POST', url: '/console/settings', ...form(receiver, fields) })).statusCode,
        403,
      );
    });
  });
}
