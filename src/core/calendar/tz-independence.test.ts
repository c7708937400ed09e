// Proves that nothing in the calendar depends on the host time zone: the same computations run
// in child processes under very different TZ settings and must print identical results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const indexUrl = new URL('./index.ts', import.meta.url).href;

// Plain JavaScript run with `-e` in each child. It prints the host offset separately (to show
// the TZ setting took effect) and a payload that must not change.
const probe = `
import * as c from ${JSON.stringify(indexUrl)};
const culture = { enabled: true, from: '2026-07-01', confirmed: false };
const cal = c.createWorkCalendar({ sessions: c.DEFAULT_SESSIONS, cutoff: c.DEFAULT_CUTOFF, notices: c.SHIPPED_NOTICES, cultureDay: culture });
const out = {};
const instants = ['2026-02-13T16:59:59.999Z', '2026-02-13T17:00:00Z', '2025-12-31T17:00:00Z', '2026-11-24T23:30:00Z', '1985-01-20T17:00:00Z', '2026-03-08T06:59:00Z'];
out.local = instants.map((s) => { const d = new Date(s); return [c.toLocal(d), c.toIsoVn(d), c.formatInstantVi(d)]; });
out.fromLocal = [['2026-11-25', 450], ['2026-03-08', 120], ['2026-11-01', 90]].map(([d, m]) => c.fromLocal(d, m).toISOString());
out.lunar = ['1985-01-21', '2026-02-16', '2026-02-17', '2027-02-05', '2033-12-22', '2054-05-07'].map((d) => c.solarToLunar(d));
out.tet = [1965, 1985, 2007, 2026, 2027, 2030].map((y) => c.lunarNewYear(y));
out.days = ['2026-01-02', '2026-01-10', '2026-02-16', '2026-04-27', '2026-08-31', '2026-11-24', '2027-05-03'].map((d) => { const i = cal.dayInfo(d); return [i.date, i.working, i.kind, i.reason, i.weekday]; });
out.working2026 = cal.days('2026-01-01', '2026-12-31').filter((d) => d.working).length;
out.working2027 = cal.days('2027-01-01', '2027-12-31').filter((d) => d.working).length;
out.sessions = ['2026-10-07T04:29:59Z', '2026-10-07T04:30:00Z', '2026-10-09T10:30:00Z', '2026-10-10T02:00:00Z'].map((s) => [cal.isWithinSession(new Date(s)), c.toIsoVn(cal.nextSessionStart(new Date(s)))]);
const receipts = ['2026-02-13T03:00:00Z', '2026-10-09T10:30:00Z', '2026-10-07T07:59:59Z', '2026-11-23T03:00:00Z', '2026-03-07T18:00:00Z', '2026-11-01T16:30:00Z'];
out.deadlines = receipts.flatMap((s) => [
  ['working_days', 3], ['working_hours', 8], ['calendar_days', 4], ['same_day', undefined],
].map(([unit, amount]) => {
  const r = c.computeDeadline(cal, { receivedAt: new Date(s), amount, unit, pauses: [{ from: new Date('2026-10-08T01:00:00Z'), to: new Date('2026-10-08T03:00:00Z') }] });
  return [s, unit, c.toIsoVn(r.dueAt), c.toIsoVn(r.effectiveStart), r.pausedMs, r.rule];
}));
process.stdout.write(JSON.stringify({ offset: new Date(2026, 0, 1).getTimezoneOffset(), payload: out }));
`;

const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

function run(tz: string): { offset: number; payload: unknown } {
  const stdout = execFileSync(
    process.execPath,
    ['--import', './bin/register.mjs', '--input-type=module', '-e', probe],
    { cwd: root, env: { ...process.env, TZ: tz }, encoding: 'utf8' },
  );
  return JSON.parse(stdout) as { offset: number; payload: unknown };
}

test('identical results under TZ=UTC, America/New_York, Asia/Tokyo and others', () => {
  const results = zones.map((tz) => ({ tz, ...run(tz) }));
  // The TZ setting really changed the host zone of each child…
  const offsets = new Map(results.map((r) => [r.tz, r.offset]));
  assert.equal(offsets.get('UTC'), 0);
  assert.equal(offsets.get('America/New_York'), 300);
  assert.equal(offsets.get('Asia/Tokyo'), -540);
  assert.equal(offsets.get('Asia/Ho_Chi_Minh'), -420);
  assert.equal(offsets.get('Pacific/Kiritimati'), -840);
  assert.equal(offsets.get('Pacific/Pago_Pago'), 660);
  // …and yet every payload is the same.
  const [first, ...rest] = results;
  assert.ok(first);
  for (const r of rest) assert.deepEqual(r.payload, first.payload, `TZ=${r.tz} differs from TZ=${first.tz}`);

  // Spot-check the payload itself.
  const p = first.payload as {
    local: [{ date: string; minute: number }, string, string][];
    tet: string[];
    working2026: number;
    deadlines: [string, string, string][];
  };
  assert.deepEqual(p.local[0]?.[0], { date: '2026-02-13', minute: 1439, ms: 86_399_999 });
  assert.equal(p.local[1]?.[1], '2026-02-14T00:00:00+07:00');
  assert.equal(p.local[2]?.[2], '00:00 01/01/2026');
  assert.deepEqual(p.tet, ['1965-02-01', '1985-01-21', '2007-02-17', '2026-02-17', '2027-02-06', '2030-02-02']);
  assert.equal(p.working2026, 249); // 250 with Culture Day off
  const d = p.deadlines.find((x) => x[0] === '2026-02-13T03:00:00Z' && x[1] === 'working_days');
  assert.equal(d?.[2], '2026-02-25T17:00:00+07:00');
});
