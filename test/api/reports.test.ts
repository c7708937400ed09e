/**
 * Reports: the monthly statistics against a HAND COUNT on a small fixed data set (November 2026),
 * including one supplement (clock stopped → on time) and two supplements (late); the Decision 766
 * scorecard; drill-down; exports; access (province view, other centres).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, getDossier, intake } from '../../src/features/dossiers/service.ts';
import { attach } from '../../src/features/dossiers/attachments/attachments.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { scorecardOf } from '../../src/features/reports/scorecard.ts';
import { monthPeriod, stateMonthPeriod } from '../../src/features/reports/periods.ts';
import { grantProvinceRole } from '../../src/features/reports/province-officer.ts';
import { loadDemo, DEMO_SLUG } from '../../src/features/demo/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { clockAt } from '../../src/features/dossiers/workflow/clock.ts';
import { instantBounds } from '../../src/core/figures.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const P3 = '1.004837'; // onlineLevel full, 3 working days, no fee
const PART = '1.000689'; // onlineLevel partial, 3 working days, no fee
const SAME = '2.000815'; // same-day eligible (Tue/Fri), fee 2,000 đ/page
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const citizen = { fullName: 'Trần Thị Bình', phone: '0987654321' };
const comp = (o: { digitised?: boolean; reused?: boolean }) => [
  { name: 'Tờ khai', originals: 1, copies: 0, digitised: o.digitised ?? false, reused: o.reused ?? false },
];

for (const { name, fresh } of DATABASES) {
  describe(`reports (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let centerId: number;
    let clock = at('2026-10-29 09:00');
    const codes: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const get = (url: string, who: string) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[who]}` } });

    async function receive(
      key: string,
      when: string,
      procedureCode: string,
      o: { channel?: 'direct' | 'online'; digitised?: boolean; reused?: boolean; vneid?: boolean } = {},
    ) {
      clock = at(when);
      const online = o.channel === 'online';
      const d = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode,
        applicant: citizen,
        channel: o.channel ?? 'direct',
        components: comp(o),
        submittedOnline: online,
        vneidVerified: o.vneid === true,
      });
      codes[key] = d.code;
      if (online) {
        clock = new Date(clock.getTime() + 5 * 60_000);
        await act(t.deps, SYSTEM_ACTOR, d.code, 'accept');
      }
      return d.code;
    }
    async function step(key: string, when: string, action: string, payload: Record<string, unknown> = {}) {
      clock = at(when);
      await act(t.deps, SYSTEM_ACTOR, codes[key]!, action, payload);
    }

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const other = await makeCenter(t.deps);
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, other.slug, 'test', CATALOG);
      tokens.director = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['director'])).username);
      tokens.receiver = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['receiver'])).username);
      tokens.otherDirector = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['director'])).username);
      const officer = await makeUser(t.deps, c.id, ['province']);
      assert.equal(
        await grantProvinceRole(t.deps, SYSTEM_ACTOR, officer.username, [slug, other.slug]),
        1,
        'home centre already held; the other centre is new',
      );
      tokens.province = await makeToken(t.deps, officer.username);

      // ---- The fixed data set (times in Vietnam) ----
      await receive('A', '2026-10-29 09:00', P3); // carried over from October
      await step('A', '2026-11-16 09:00', 'mark_processed'); // late
      await receive('B', '2026-11-02 09:00', P3, { digitised: true });
      await step('B', '2026-11-03 10:00', 'mark_processed'); // early
      await step('B', '2026-11-04 09:00', 'return_result', { method: 'desk' });
      await receive('C', '2026-11-02 09:00', P3, { channel: 'online', digitised: true, vneid: true });
      await step('C', '2026-11-03 10:00', 'mark_processed'); // early
      // the electronic result: its signed PDF attached (issue 11: the flag follows the file)
      await attach(t.deps, SYSTEM_ACTOR, codes.C ?? '', {
        kind: 'result',
        name: 'ket-qua.pdf',
        file: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n', 'latin1'),
      });
      await receive('L', '2026-11-03 09:00', SAME); // Tuesday: same-day service
      await step('L', '2026-11-03 09:10', 'request_payment', { amount: 2000 });
      await step('L', '2026-11-03 09:20', 'confirm_payment', { method: 'online', note: 'VNPay' });
      await step('L', '2026-11-03 10:00', 'mark_processed'); // same day, on time
      await receive('D', '2026-11-03 09:00', PART, { channel: 'online' });
      await step('D', '2026-11-25 09:00', 'mark_processed'); // late
      await receive('J', '2026-11-05 09:30', P3);
      await step('J', '2026-11-06 09:00', 'withdraw', { reason: 'Công dân rút' });
      await receive('E', '2026-11-09 09:00', P3, { reused: true });
      await step('E', '2026-11-10 09:00', 'request_supplement', { reason: 'Thiếu giấy tờ' });
      await step('E', '2026-11-16 09:00', 'complete_supplement'); // 4 working days waiting for the citizen
      await step('E', '2026-11-17 10:00', 'mark_processed'); // after the original appointment, within it moved by the clock stop
      await receive('F', '2026-11-09 09:00', P3);
      await step('F', '2026-11-09 10:00', 'request_supplement', { reason: 'Thiếu 1' });
      await step('F', '2026-11-09 11:00', 'complete_supplement');
      await step('F', '2026-11-10 09:00', 'request_supplement', { reason: 'Thiếu 2' });
      await step('F', '2026-11-10 10:00', 'complete_supplement');
      await step('F', '2026-11-10 14:00', 'mark_processed'); // early by the clock, late by the two-supplement rule
      await receive('H', '2026-11-16 09:00', P3); // still open at the end: overdue
      await receive('G', '2026-11-27 09:00', PART); // still open at the end: within the limit
      await receive('K', '2026-12-02 09:00', P3); // December: outside November
      clock = at('2026-11-05 10:00');
      const refused = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: P3,
        applicant: citizen,
        outcome: 'refuse',
        reason: 'Không thuộc thẩm quyền',
      });
      codes.I = refused.code;
      clock = at('2026-12-10 09:00');
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('the desk agrees: one supplement stops the clock (on time), two supplements are late', async () => {
      assert.notEqual((await getDossier(t.deps, SYSTEM_ACTOR, codes.E!)).dossier.verdict, 'late');
      assert.equal((await getDossier(t.deps, SYSTEM_ACTOR, codes.F!)).dossier.verdict, 'late');
      const e = await getDossier(t.deps, SYSTEM_ACTOR, codes.E!);
      assert.ok(
        new Date(e.dossier.endedAt!).getTime() > new Date(e.dossier.dueAt).getTime(),
        'E ended after its original appointment: only the clock stop makes it on time',
      );
    });

    test('November 2026 matches the hand count', async () => {
      const s = await computeMonthlyStatistics(t.deps, [centerId], monthPeriod(2026, 11));
      const c = s.counts;
      // Hand count (see the data set above):
      assert.equal(c.carried, 1, 'A');
      assert.equal(c.received, 9, 'B C D E F G H J L (I refused, K in December)');
      assert.deepEqual(c.byChannel, { direct: 7, online: 2, postal: 0, home: 0 });
      assert.equal(c.refused, 1, 'I');
      assert.equal(c.resolved, 7, 'A B C D E F L');
      assert.equal(c.resolvedLate, 3, 'A (late), D (late), F (two supplements)');
      assert.equal(c.resolvedEarly + c.resolvedOnTime, 4, 'B C E L');
      assert.equal(c.withdrawn, 1, 'J');
      assert.equal(c.stopped, 0);
      assert.equal(c.returned, 1, 'B');
      assert.equal(c.openWithin, 1, 'G');
      assert.equal(c.openOverdue, 1, 'H');
      assert.equal(c.supplementRequests, 3, 'E once, F twice');
      assert.equal(c.digitised, 2, 'B C');
      assert.equal(c.reused, 1, 'E');
      assert.equal(c.vneid, 1, 'C');
      assert.equal(c.resolvedEResult, 1, 'C');
      assert.equal(c.fullOnlineEligible, 6, 'B C E F H J are of a full-online procedure');
      assert.equal(c.fullOnline, 1, 'C');
      assert.equal(c.sameDay, 1, 'L');
      assert.equal(c.sameDayMet, 1, 'L');
      assert.equal(c.feeReceived, 1, 'L');
      assert.equal(c.paidOnline, 1, 'L');
      const f = (k: string) => s.figures.find((x) => x.key === k)!;
      assert.deepEqual(
        [f('onTimeRate').numerator, f('onTimeRate').denominator],
        [6, 10],
        '(B C E L + J + G) ÷ (7 resolved + J + G H): J was withdrawn after acceptance, before its appointment (BRIEF §3.3)',
      );
      assert.equal(f('onlineRate').value, 2 / 9);
      assert.equal(f('digitisedRate').value, 2 / 9);
      assert.equal(f('reuseRate').value, 1 / 9);
      assert.equal(f('fullOnlineRate').value, 1 / 6);
      assert.equal(f('fullOnlineRate').target, 0.9, 'plan III.5.1 default');
      assert.ok(
        s.figures.every((x) => x.formula.vi && x.formula.en),
        'every figure has its formula in both languages',
      );
      // Satisfaction (Decision 766): 100% − late rate (3/7) − petitions/dislikes (none) = 4/7 → 6 × (4/7) ÷ 90%.
      const sc = scorecardOf(s);
      const ind = (id: string) => sc.indicators.find((i) => i.id === id)!;
      assert.equal(ind('2.1').score, 12, '20 × 6/10');
      assert.equal(ind('3.0').score, 2, '12 × 1/6');
      assert.equal(ind('4.2').score, 1.11, '(2/9) × 4 ÷ 80%');
      assert.equal(ind('4.3').score, 0.28, 'min(2, 2 × (1/9) ÷ 80%)');
      assert.equal(ind('5.3').score, 3.81, '6 × (4/7) ÷ 90%');
      assert.equal(ind('5.1').score, 6, 'no petitions: full points');
      assert.equal(ind('1.1').computable, false);
      assert.match(ind('4.2').hint!.vi, /^Thêm 6 hồ sơ được số hóa sẽ đạt 80%/, '8/9 ≥ 80%: 6 more');
    });

    test('October: A was received and still within its limit at the end of the month; the state period 15/10–14/11 counts the first half of November', async () => {
      const s = await computeMonthlyStatistics(t.deps, [centerId], monthPeriod(2026, 10));
      assert.equal(s.counts.received, 1);
      assert.equal(s.counts.openWithin, 1);
      const st = await computeMonthlyStatistics(t.deps, [centerId], stateMonthPeriod(2026, 11));
      assert.equal(st.range.from, '2026-10-15');
      assert.equal(st.range.to, '2026-11-14');
      assert.equal(st.counts.received, 8, 'A B C D E F J L (H and G came after 14/11)');
    });

    test('API, drill-down to the late dossiers, exports; access rules', async () => {
      const q = 'period=month&year=2026&month=11';
      const r = await get(`/api/v1/centers/${slug}/reports/monthly?${q}`, 'director');
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().counts.resolvedLate, 3);
      assert.equal((await get(`/api/v1/centers/${slug}/reports/monthly?${q}`, 'receiver')).statusCode, 403);
      assert.equal((await get(`/api/v1/centers/${slug}/reports/monthly?${q}`, 'otherDirector')).statusCode, 404);
      assert.equal(
        (await get(`/api/v1/centers/${slug}/reports/monthly?period=month&month=13`, 'director')).statusCode,
        400,
      );
      assert.equal(
        (await get(`/api/v1/centers/${slug}/reports/monthly?from=2026-01-01&to=2027-06-01`, 'director')).statusCode,
        400,
      );

      const drill = await get(`/console/reports/drill?key=resolved_late&${q}`, 'director');
      assert.equal(drill.statusCode, 200);
      const listed = [...drill.body.matchAll(/data-code="([^"]+)"/g)].map((m) => m[1]).sort();
      assert.deepEqual(listed, [codes.A, codes.D, codes.F].sort());
      assert.match(drill.body, new RegExp(`href="/console/dossiers/${codes.F}"`));
      const num = await get(`/console/reports/drill?key=ontime_num&${q}`, 'director');
      assert.deepEqual(
        [...num.body.matchAll(/data-code="([^"]+)"/g)].map((m) => m[1]).sort(),
        [codes.B, codes.C, codes.E, codes.L, codes.J, codes.G].sort(),
      );
      assert.equal((await get(`/console/reports/drill?key=nope&${q}`, 'director')).statusCode, 400);

      const page = await get(`/console/reports?${q}`, 'director');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-figure="onTimeRate"/);
      assert.match(page.body, /<svg /);
      const en = await get(`/console/reports?${q}&lang=en`, 'director');
      assert.match(en.body, /On-time rate \(Decision 766\)/);
      assert.match(en.body, /Online dossiers ÷ dossiers received in the period/);

      const xlsx = await get(`/console/reports/export.xlsx?${q}`, 'director');
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Số liệu')!;
      const values: [string, unknown][] = [];
      ws.eachRow((row) => values.push([String(row.getCell(2).value ?? ''), row.getCell(3).value]));
      assert.deepEqual(values.find(([l]) => l === 'Tỷ lệ số hóa hồ sơ')?.[1], 2 / 9);
      assert.deepEqual(values.find(([l]) => l === '— quá hạn')?.[1], 3);
      const pdf = await get(`/console/reports/export.pdf?${q}`, 'director');
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const dir = join('test-output', 'reports');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `report-${name}.pdf`), pdf.rawPayload);

      const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      for (const path of [
        '/api/v1/centers/{slug}/reports/monthly',
        '/api/v1/centers/{slug}/reports/766',
        '/api/v1/centers/{slug}/reports/targets',
        '/api/v1/province/reports',
      ]) {
        assert.ok(spec.paths[path], `${path} in OpenAPI`);
      }
      assert.deepEqual(spec.paths['/api/v1/centers/{slug}/reports/monthly'].get.tags, ['reports']);
      const s766 = await get(`/api/v1/centers/${slug}/reports/766?year=2026`, 'director');
      assert.equal(s766.statusCode, 200);
      assert.equal(s766.json().months.length, 12);

      // Province: the officer sees both centres ranked, cannot open a dossier; staff cannot open the province view.
      const prov = await get(`/api/v1/province/reports?${q}`, 'province');
      assert.equal(prov.statusCode, 200, prov.body);
      assert.equal(prov.json().ranking.length, 2);
      assert.equal(prov.json().counts.received, 9);
      assert.equal((await get(`/console/province?${q}`, 'province')).statusCode, 200);
      const ppdf = await get(`/console/province/export.pdf?${q}`, 'province');
      assert.equal(ppdf.statusCode, 200);
      writeFileSync(join(dir, `province-${name}.pdf`), ppdf.rawPayload);
      const s766pdf = await get('/console/reports/766.pdf?year=2026', 'director');
      assert.equal(s766pdf.statusCode, 200);
      writeFileSync(join(dir, `score766-${name}.pdf`), s766pdf.rawPayload);
      const pxlsx = await get(`/console/province/export.xlsx?${q}`, 'province');
      const pwb = new ExcelJS.Workbook();
      await pwb.xlsx.load(pxlsx.rawPayload as unknown as ArrayBuffer);
      assert.equal(pwb.getWorksheet('Xếp hạng')!.rowCount, 4 + 2, 'title rows, header, two centres');
      assert.ok([403, 404].includes((await get(`/api/v1/dossiers/${codes.A}`, 'province')).statusCode));
      assert.equal((await get(`/console/reports/drill?key=resolved_late&${q}`, 'province')).statusCode, 403);
      assert.equal((await get(`/api/v1/province/reports?${q}`, 'director')).statusCode, 403);
      assert.equal((await get(`/console/province`, 'director')).statusCode, 403);
    });

    test('targets and the public figures page (off by default, counts only)', async () => {
      assert.equal((await app.inject({ method: 'GET', url: `/${slug}/so-lieu` })).statusCode, 404);
      const put = (body: object, who = 'director') =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/centers/${slug}/reports/targets`,
          headers: { authorization: `Bearer ${tokens[who]}` },
          payload: body,
        });
      assert.equal((await put({ year: 2026, targets: { digitisedRate: 1.5 } })).statusCode, 400);
      assert.equal((await put({ year: 2026, targets: { nope: 0.5 } })).statusCode, 400);
      assert.equal((await put({ year: 2026, targets: { digitisedRate: 0.8 } }, 'province')).statusCode, 403);
      const ok = await put({ year: 2026, targets: { digitisedRate: 0.8 }, publicHeadline: true });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().targets.digitisedRate, 0.8);
      const s = await computeMonthlyStatistics(t.deps, [centerId], monthPeriod(2026, 11));
      assert.equal(s.figures.find((f) => f.key === 'digitisedRate')!.target, 0.8);
      const pub = await app.inject({ method: 'GET', url: `/${slug}/so-lieu` });
      assert.equal(pub.statusCode, 200);
      assert.doesNotMatch(pub.body, /Trần Thị Bình|0987654321/);
    });
  });
}

/** The SQL aggregate + clock of the clock-stop cases agree with the clock (clock.ts) dossier by dossier, on the demo year. */
for (const { name, fresh } of DATABASES) {
  describe(`reports agree with the desk's judgement on the demo year (${name})`, () => {
    let t: TestDb;
    before(async () => {
      const now = new Date('2026-11-25T08:00:00Z');
      t = await fresh(() => now);
      await loadDemo(t.deps);
    });
    after(async () => t.close());

    test('every month: early, on the day, late, stopped — same counts as judge() on each ended dossier', async () => {
      const center = await getCenter(t.deps, DEMO_SLUG);
      const cal = await calendarOf(t.deps, center);
      let ended = 0;
      let judgedInJs = 0;
      for (let m = 1; m <= 11; m++) {
        const range = monthPeriod(2026, m);
        const s = await computeMonthlyStatistics(t.deps, [center.id], range);
        const { fromIso, toIso } = instantBounds(range);
        const rows = await t.deps.db
          .selectFrom('dossier')
          .selectAll()
          .where('center_id', '=', center.id)
          .where('status', 'in', [8, 9, 10])
          .where('ended_at', '>=', fromIso)
          .where('ended_at', '<', toIso)
          .execute();
        const c = { early: 0, onTime: 0, late: 0, stoppedOnTime: 0, stoppedLate: 0 };
        for (const r of rows) {
          const events = await t.deps.db
            .selectFrom('dossier_event')
            .select(['action', 'at', 'from_status', 'to_status', 'data'])
            .where('dossier_id', '=', r.id)
            .orderBy('seq')
            .execute();
          const v = clockAt(
            cal,
            {
              receivedAt: r.received_at,
              dueAt: r.due_at,
              events: events.map((e) => ({
                action: e.action,
                at: e.at,
                fromStatus: e.from_status,
                toStatus: e.to_status,
                data: JSON.parse(e.data) as Record<string, unknown>,
              })),
            },
            new Date(toIso),
          ).verdict;
          if (r.status === 8) c[v === 'late' ? 'stoppedLate' : 'stoppedOnTime']++;
          else c[v === 'early' ? 'early' : v === 'on_time' ? 'onTime' : 'late']++;
        }
        ended += rows.length;
        judgedInJs += s.singles.rEarly + s.singles.rOnTime + s.singles.rLate + s.singles.sOnTime + s.singles.sLate;
        const k = s.counts;
        assert.deepEqual(
          {
            early: k.resolvedEarly,
            onTime: k.resolvedOnTime,
            late: k.resolvedLate,
            stoppedOnTime: k.stoppedOnTime,
            stoppedLate: k.stoppedLate,
          },
          c,
          `month ${m}`,
        );
      }
      assert.ok(ended > 500, `the demo year has ended dossiers (${ended})`);
      assert.ok(judgedInJs > 0, 'some single-supplement dossiers needed the working calendar');
    });
  });
}
