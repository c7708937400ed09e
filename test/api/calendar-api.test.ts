/** The calendar API contract: deadlines and days, on the demo-like centre, with clear 400s. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';
import { testApp } from '../support/http.ts';

for (const { name, fresh } of DATABASES) {
  describe(`calendar API (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let c: { slug: string };
    const get = (url: string) => app.inject({ method: 'GET', url });

    before(async () => {
      t = await fresh();
      app = await testApp(t);
      c = await makeCenter(t.deps);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('working days: received Wednesday morning, 1 working day → Thursday 17:00 +07:00', async () => {
      const res = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-11-25T09:00:00%2B07:00&amount=1&unit=working_days`,
      );
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.dueAt, '2026-11-26T17:00:00+07:00');
      assert.equal(body.dueAtUtc, '2026-11-26T10:00:00.000Z');
      assert.equal(body.dueText, '17:00 26/11/2026');
      assert.match(res.headers['cache-control']!, /public/);
    });

    test('the same instant written in UTC gives the same answer', async () => {
      const res = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-11-25T02:00:00Z&amount=1&unit=working_days`,
      );
      assert.equal(res.json().dueAt, '2026-11-26T17:00:00+07:00');
    });

    test('a deadline across Tết 2026 skips the official days off', async () => {
      const res = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-02-13T10:00:00%2B07:00&amount=3&unit=working_days`,
      );
      assert.equal(res.json().dueAt, '2026-02-25T17:00:00+07:00');
    });

    test('same day: before the cut-off on a working day → 17:00 that day; after it → next working day', async () => {
      const before = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-11-27T14:59:00%2B07:00&unit=same_day`,
      );
      assert.equal(before.json().dueAt, '2026-11-27T17:00:00+07:00');
      const afterCut = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-11-27T15:01:00%2B07:00&unit=same_day`,
      );
      assert.equal(afterCut.json().dueAt, '2026-11-30T17:00:00+07:00');
    });

    test('working hours count only inside sessions', async () => {
      const res = await get(
        `/api/v1/calendar/deadline?center=${c.slug}&receivedAt=2026-11-25T10:00:00%2B07:00&amount=8&unit=working_hours`,
      );
      assert.equal(res.json().dueAt, '2026-11-26T10:30:00+07:00');
    });

    test('bad input gets 400 with a field and a message in both languages, never a 500', async () => {
      const cases: [string, string][] = [
        [`center=${c.slug}&receivedAt=yesterday&amount=1&unit=working_days`, 'receivedAt'],
        [`center=${c.slug}&receivedAt=2026-02-30T10:00:00Z&amount=1&unit=working_days`, 'receivedAt'],
        [`center=${c.slug}&receivedAt=2026-11-25T10:00:00Z&amount=1&unit=fortnights`, 'unit'],
        [`center=${c.slug}&receivedAt=2026-11-25T10:00:00Z&amount=-1&unit=working_days`, 'amount'],
        [`center=${c.slug}&receivedAt=2026-11-25T10:00:00Z&amount=abc&unit=working_days`, 'amount'],
        [`center=${c.slug}&receivedAt=2026-11-25T10:00:00Z&amount=1.5&unit=working_days`, 'amount'],
        [`center=${c.slug}&receivedAt=2026-11-25T10:00:00Z&unit=working_days`, 'amount'],
        [`receivedAt=2026-11-25T10:00:00Z&amount=1&unit=working_days`, 'center'],
      ];
      for (const [q, field] of cases) {
        const res = await get(`/api/v1/calendar/deadline?${q}`);
        assert.equal(res.statusCode, 400, q);
        const e = res.json().error;
        assert.equal(e.code, 'VALIDATION_FAILED', q);
        assert.ok(
          e.details?.some((d: { field?: string }) => d.field?.includes(field)),
          `${q}: ${JSON.stringify(e.details)}`,
        );
        assert.ok(e.messageVi && e.messageEn && e.requestId, q);
      }
    });

    test('an unknown centre is a 404 with a stable code', async () => {
      const res = await get(
        '/api/v1/calendar/deadline?center=khong-co&receivedAt=2026-11-25T10:00:00Z&amount=1&unit=working_days',
      );
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'CENTER_NOT_FOUND');
    });

    test('days: the 2026 New Year and the make-up Saturday, with lunar dates and Vietnamese reasons', async () => {
      const res = await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-01-01&to=2026-01-10`);
      assert.equal(res.statusCode, 200);
      const days = res.json().days as {
        date: string;
        working: boolean;
        reason: string;
        lunar: { day: number; month: number; year: number; leap: boolean };
      }[];
      assert.equal(days.length, 10);
      for (const d of days.slice(0, 4)) assert.equal(d.working, false, d.date);
      assert.equal(days[0]!.reason, 'Tết Dương lịch');
      assert.equal(days[9]!.date, '2026-01-10');
      assert.equal(days[9]!.working, true);
      assert.equal(days[9]!.reason, 'Làm bù');
      assert.deepEqual(days[0]!.lunar, { day: 13, month: 11, year: 2025, leap: false });
      assert.deepEqual(res.json().years, [{ year: 2026, status: 'official' }]);
    });

    test('days: Tết 2026 is named and mùng 1 is 17/02', async () => {
      const res = await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-02-16&to=2026-02-17`);
      const [d16, d17] = res.json().days;
      assert.equal(d16.reason, 'Tết Nguyên đán');
      assert.deepEqual(d16.lunar, { day: 29, month: 12, year: 2025, leap: false });
      assert.deepEqual(d17.lunar, { day: 1, month: 1, year: 2026, leap: false });
    });

    test('days: a year without an official notice is marked computed', async () => {
      const res = await get(`/api/v1/calendar/days?center=${c.slug}&from=2027-04-16&to=2027-04-16`);
      assert.equal(res.json().years[0].status, 'computed');
      assert.equal(res.json().days[0].reason, 'Giỗ Tổ Hùng Vương');
    });

    test('days: bad ranges get clear 400s', async () => {
      assert.equal(
        (await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-13-01&to=2026-12-31`)).json().error.details[0]
          .field,
        'from',
      );
      assert.equal((await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-12-31&to=2026-01-01`)).statusCode, 400);
      // The largest range (3 years) is served; one more day is refused.
      const max = await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-01-01&to=2029-01-01`);
      assert.equal(max.statusCode, 200);
      assert.equal(max.json().days.length, 1097);
      assert.equal((await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-01-01&to=2029-01-02`)).statusCode, 200);
      assert.equal((await get(`/api/v1/calendar/days?center=${c.slug}&from=2026-01-01&to=2029-01-03`)).statusCode, 400);
      const big = await get(`/api/v1/calendar/days?center=${c.slug}&from=2000-01-01&to=2026-01-01`);
      assert.equal(big.statusCode, 400);
      assert.equal(big.json().error.code, 'RANGE_TOO_LARGE');
    });

    test('the OpenAPI document lists the calendar operations', async () => {
      const res = await get('/api/v1/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.paths['/api/v1/calendar/deadline'].get.operationId, 'computeDeadline');
      assert.equal(doc.paths['/api/v1/calendar/days'].get.operationId, 'listCalendarDays');
    });

    test('health check answers with the database kind', async () => {
      const res = await get('/healthz');
      assert.deepEqual(res.json(), { status: 'ok', database: name });
    });

    test('unknown API paths and malformed JSON get catalogue errors', async () => {
      const nf = await get('/api/v1/nothing-here');
      assert.equal(nf.statusCode, 404);
      assert.equal(nf.json().error.code, 'NOT_FOUND');
      const badJson = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/notices',
        headers: { 'content-type': 'application/json', authorization: 'Bearer mct_x' },
        payload: '{"center":',
      });
      assert.ok([400, 401].includes(badJson.statusCode));
      assert.ok(badJson.json().error.code);
    });
  });
}
