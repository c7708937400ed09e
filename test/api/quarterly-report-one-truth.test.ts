/**
 * The quarterly report has one source of figures (decision 049): the reports feature's statistics,
 * judged by the dossier's clock. The data holds the case a second count would get wrong: a dossier
 * re-appointed (extended) and processed after its original appointment but before the new one —
 * late by the clock (Decision 766 judges the original appointment), on time by a naive
 * `processed_at <= coalesce(extended_due_at, due_at)`. The report's KPI rows and monthly bars
 * must equal the statistics' for the same quarter. When the statistics fail (here: a catalogue row
 * that does not hold a procedure, which the checked codec now refuses in the statistics, the
 * drill-downs and the desk's forms), the report is refused with the catalogue's UNAVAILABLE in
 * Vietnamese and English, and no report is recorded.
 * SQLite and PostgreSQL (TEST_DATABASE_URL).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { must } from '../support/clock.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { CorruptRowError } from '../../src/core/db/json.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { act, intake, procedureVersionOf } from '../../src/features/dossiers/service.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { figureDossiers } from '../../src/features/reports/service.ts';
import { monthPeriod } from '../../src/features/reports/periods.ts';
import { kpisFromStatistics } from '../../src/features/plan/kpis.ts';
import { quarterRange } from '../../src/features/plan/model.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const P3 = '1.004837'; // 3 working days
const NOW = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00 in Vietnam
const DAY = 24 * 3600_000;

/** The text of a DOCX body, one space between runs and cells. */
function docxText(bytes: Buffer): string {
  const xml = Buffer.from(must(unzipSync(new Uint8Array(bytes))['word/document.xml'])).toString('utf8');
  return xml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

for (const { name, fresh } of DATABASES) {
  describe(`the quarterly report takes its figures only from the statistics (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug = '';
    let centerId = 0;
    let token = '';
    let clock = NOW;
    let lateCode = '';
    const report = () =>
      app.inject({
        method: 'GET',
        url: `/api/v1/centers/${slug}/plan/reports/2026/4.docx`,
        headers: { authorization: `Bearer ${token}` },
      });
    const reportAudits = async () =>
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select('id')
          .where('center_id', '=', centerId)
          .where('action', '=', 'plan.report')
          .execute()
      ).length;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      token = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['director'])).username);
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const seeded = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/plan/seed`,
        headers: { authorization: `Bearer ${token}` },
        payload: { year: 2026 },
      });
      assert.equal(seeded.statusCode, 201, seeded.body);
      const applicant = { fullName: 'Nguyễn Thị Y', phone: '0912345678' };
      // A: received Mon 05/10 08:00, re-appointed on Tue 06/10 to five days after its appointment,
      // processed on Fri 09/10 — after the original appointment, before the new one.
      clock = new Date('2026-10-05T01:00:00Z');
      const a = await intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode: P3, applicant, channel: 'direct' });
      lateCode = a.code;
      clock = new Date('2026-10-06T02:00:00Z');
      await act(t.deps, SYSTEM_ACTOR, a.code, 'extend', {
        reason: 'Cần xác minh',
        newDueAt: new Date(new Date(a.dueAt).getTime() + 5 * DAY).toISOString(),
      });
      clock = new Date('2026-10-09T02:00:00Z');
      await act(t.deps, SYSTEM_ACTOR, a.code, 'mark_processed', { result: 'Đã có kết quả' });
      // B: received Mon 12/10 08:00 and processed the same morning (early).
      clock = new Date('2026-10-12T01:00:00Z');
      const b = await intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode: P3, applicant, channel: 'direct' });
      clock = new Date('2026-10-12T03:00:00Z');
      await act(t.deps, SYSTEM_ACTOR, b.code, 'mark_processed', { result: 'Đã có kết quả' });
      clock = NOW;
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('failing statistics refuse the report (503 UNAVAILABLE, vi/en, the period named): no figures of another count, nothing recorded', async () => {
      const row = await t.deps.db
        .selectFrom('dossier')
        .select(['procedure_version_id'])
        .where('code', '=', lateCode)
        .executeTakeFirstOrThrow();
      const version = await t.deps.db
        .selectFrom('procedure_version')
        .select(['data'])
        .where('id', '=', row.procedure_version_id)
        .executeTakeFirstOrThrow();
      // Valid JSON, not a procedure: the unchecked cast let it through; the catalogue's codec does not.
      await t.deps.db
        .updateTable('procedure_version')
        .set({ data: JSON.stringify({ code: P3 }) })
        .where('id', '=', row.procedure_version_id)
        .execute();
      try {
        await assert.rejects(
          computeMonthlyStatistics(t.deps, [centerId], quarterRange(2026, 4)),
          (e: unknown) => e instanceof CorruptRowError && e.column === 'procedure_version.data',
        );
        await assert.rejects(
          figureDossiers(t.deps, SYSTEM_ACTOR, slug, 'fullOnlineRate', 'denominator', monthPeriod(2026, 10), 1, 50),
          (e: unknown) => e instanceof CorruptRowError && e.column === 'procedure_version.data',
          'the drill-down of a figure that depends on the procedure version',
        );
        const center = await getCenter(t.deps, slug);
        await assert.rejects(
          procedureVersionOf(t.deps, center, lateCode, P3),
          (e: unknown) => e instanceof CorruptRowError && e.column === 'procedure_version.data',
        );
        const res = await report();
        assert.equal(res.statusCode, 503, res.body);
        const body = res.json<{
          error: { code: string; details: { field: string; messageVi: string; messageEn: string }[] };
        }>();
        assert.equal(body.error.code, 'UNAVAILABLE');
        const d = must(body.error.details[0]);
        assert.equal(d.field, 'kpis');
        assert.match(d.messageVi, /chưa tính được số liệu thống kê từ 01\/10\/2026 đến 31\/12\/2026/);
        assert.match(d.messageEn, /statistics from 01\/10\/2026 to 31\/12\/2026 could not be computed/);
        assert.equal(await reportAudits(), 0, 'no report was recorded');
      } finally {
        await t.deps.db
          .updateTable('procedure_version')
          .set({ data: version.data })
          .where('id', '=', row.procedure_version_id)
          .execute();
      }
    });

    test('the report’s KPI rows and monthly bars are the statistics’ (the clock judges the re-appointed dossier late)', async () => {
      // The data tells the two rules apart: processed after the original appointment, before the new one.
      const late = await t.deps.db
        .selectFrom('dossier')
        .select(['due_at', 'extended_due_at', 'processed_at'])
        .where('code', '=', lateCode)
        .executeTakeFirstOrThrow();
      const processedAt = must(late.processed_at);
      assert.ok(processedAt > late.due_at, 'processed after the original appointment');
      assert.ok(processedAt <= must(late.extended_due_at), 'processed before the new appointment');

      const s = await computeMonthlyStatistics(t.deps, [centerId], quarterRange(2026, 4));
      const onTime = must(s.figures.find((f) => f.key === 'onTimeRate'));
      assert.deepEqual([onTime.numerator, onTime.denominator], [1, 2], 'the clock: one early, one late');

      const res = await report();
      assert.equal(res.statusCode, 200, res.body);
      const text = docxText(res.rawPayload);
      const kpis = kpisFromStatistics(s);
      assert.ok(kpis.length >= 10, 'every figure of the report is found in the statistics');
      for (const k of kpis) assert.ok(text.includes(` ${k.label} ${k.value} `), `DOCX: “${k.label}” = ${k.value}`);
      const onTimeRow = must(kpis.find((k) => k.key === 'onTimeRate'));
      assert.equal(onTimeRow.value, '50,0% (1/2)');
      assert.ok(!text.includes('100,0% (2/2)'), 'no second on-time rule');
      // The chart's table: Tháng 10 received 2, resolved 2, on time 1 (counts of the same statistics).
      const october = (await computeMonthlyStatistics(t.deps, [centerId], { from: '2026-10-01', to: '2026-10-31' }))
        .counts;
      assert.equal(october.resolvedEarly + october.resolvedOnTime, 1);
      assert.ok(text.includes(' Tháng 10 2 2 1 '), 'the October bar: 2 received, 2 resolved, 1 on time');
      assert.ok(text.includes('Nguồn số liệu: báo cáo thống kê hằng tháng của hệ thống'));
      assert.equal(await reportAudits(), 1);
    });
  });
}
