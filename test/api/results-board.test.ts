/** Public results board (plan III.1.3): ready results with initials only, the month's figures, and the TV slide. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { testApp } from '../support/http.ts';
import { loadDemo, DEMO_SLUG } from '../../src/features/demo/service.ts';
import { listDossiers } from '../../src/features/dossiers/service.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';

for (const { name, fresh } of DATABASES) {
  describe(`results board (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const now = new Date('2026-11-27T03:30:00Z');

    before(async () => {
      t = await fresh(() => now);
      await loadDemo(t.deps);
      app = await testApp(t);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('lists every result ready to collect, masked, and nothing personal', async () => {
      const all = await listDossiers(t.deps, SYSTEM_ACTOR, DEMO_SLUG, { limit: 500 });
      const ready = all.filter((d) => d.status === 9);
      assert.ok(ready.length > 0);
      const res = await app.inject({ method: 'GET', url: `/${DEMO_SLUG}/ket-qua` });
      assert.equal(res.statusCode, 200);
      for (const d of ready) assert.ok(res.body.includes(d.code), d.code);
      for (const d of all) {
        assert.ok(!res.body.includes(d.applicant.fullName), `full name of ${d.code} shown`);
        if (d.applicant.idNumber) assert.ok(!res.body.includes(d.applicant.idNumber));
        if (d.applicant.phone) assert.ok(!res.body.includes(d.applicant.phone));
      }
      assert.doesNotMatch(res.body, /<script/);
    });

    test('the month figures add up to the dossiers received this month', async () => {
      const all = await listDossiers(t.deps, SYSTEM_ACTOR, DEMO_SLUG, { limit: 500 });
      const inMonth = all.filter(
        (d) => d.receivedAt >= '2026-10-31T17:00:00.000Z' && d.receivedAt < '2026-11-30T17:00:00.000Z',
      ).length;
      const res = await app.inject({ method: 'GET', url: `/${DEMO_SLUG}/ket-qua?thang=2026-11` });
      const total = /<th scope="row">Tổng<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>/.exec(
        res.body,
      );
      assert.ok(total, 'a total row');
      assert.equal(Number(total[1]), inMonth);
      assert.equal(Number(total[2]), Number(total[3]) + Number(total[4]), 'resolved = on time + late');
      assert.equal((await app.inject({ method: 'GET', url: `/${DEMO_SLUG}/ket-qua?thang=2026-13` })).statusCode, 400);
      const sameDay = all.filter((d) => d.sameDay && d.receivedAt >= '2026-10-31T17:00:00.000Z');
      const kept = sameDay.filter(
        (d) => d.returnedAt && new Date(d.returnedAt).getTime() - new Date(d.receivedAt).getTime() < 12 * 3_600_000,
      );
      assert.ok(sameDay.length > 0);
      assert.match(res.body, new RegExp(`${sameDay.length} hồ sơ, ${kept.length} hồ sơ trả kết quả ngay trong ngày`));
    });

    test('the TV display has a slide of results ready to collect', async () => {
      let found = false;
      for (let n = 1; n <= 30 && !found; n++) {
        const res = await app.inject({ method: 'GET', url: `/${DEMO_SLUG}/man-hinh?trang=${n}` });
        found = res.body.includes('data-slide="results"');
      }
      assert.ok(found);
    });
  });
}
