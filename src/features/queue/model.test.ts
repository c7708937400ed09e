/** Queue rules: codes, calling order, default groups, the estimate and the figures (hand-counted). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  breakdown,
  compareQueued,
  defaultGroups,
  estimateWaitMinutes,
  percent,
  publicCode,
  PUBLIC_CODE_RE,
  ticketCode,
  type FigureRow,
} from './model.ts';

test('ticket codes and public codes', () => {
  assert.equal(ticketCode('A', 1), 'A001');
  assert.equal(ticketCode('B', 1234), 'B1234');
  const p = publicCode('A001', '2026-11-27', 'K7MQ');
  assert.equal(p, 'A001-261127-K7MQ');
  assert.match(p, PUBLIC_CODE_RE);
});

test('calling order: priority first, then queue time, then id', () => {
  const xs = [
    { id: 1, priority: 0, queued_at: '2026-11-27T01:00:00.000Z' },
    { id: 2, priority: 1, queued_at: '2026-11-27T01:05:00.000Z' },
    { id: 3, priority: 0, queued_at: '2026-11-27T00:59:00.000Z' },
    { id: 4, priority: 0, queued_at: '2026-11-27T01:00:00.000Z' },
  ];
  assert.deepEqual(
    [...xs].sort(compareQueued).map((x) => x.id),
    [2, 3, 1, 4],
  );
});

test('default groups: busiest fields alone, the rest together, letters A…', () => {
  const g = defaultGroups(
    [
      { name: 'Đất đai', procedures: 4 },
      { name: 'Hộ tịch', procedures: 18 },
      { name: 'Chứng thực', procedures: 9 },
    ],
    6,
  );
  assert.deepEqual(
    g.map((x) => [x.letter, x.name, x.nameEn]),
    [
      ['A', 'Hộ tịch', 'Civil status'],
      ['B', 'Chứng thực', 'Certification'],
      ['C', 'Đất đai', 'Land'],
    ],
  );
  const many = defaultGroups(
    Array.from({ length: 8 }, (_, i) => ({ name: `Lĩnh vực ${i}`, procedures: 10 - i })),
    4,
  );
  assert.equal(many.length, 4);
  assert.deepEqual(many[3]!.fields, ['Lĩnh vực 3', 'Lĩnh vực 4', 'Lĩnh vực 5', 'Lĩnh vực 6', 'Lĩnh vực 7']);
  assert.equal(many[3]!.name, 'Lĩnh vực khác');
});

test('estimate: people ahead × service time ÷ open counters, rounded up; a default without history', () => {
  assert.equal(estimateWaitMinutes(3, 6, 2), 9);
  assert.equal(estimateWaitMinutes(1, 7, 2), 4);
  assert.equal(estimateWaitMinutes(2, null, 0), 16);
  assert.equal(estimateWaitMinutes(0, 5, 1), 0);
});

test('figures: waits from issue to first call, service from last call to finish, same-day weekdays apart', () => {
  const row = (
    day: string,
    issued: string,
    called: string | null,
    finished: string | null,
    status: string,
    group = 1,
  ): FigureRow => ({
    group_id: group,
    day,
    status,
    priority: 0,
    issued_at: new Date(`${day}T${issued}:00+07:00`).toISOString(),
    first_called_at: called ? new Date(`${day}T${called}:00+07:00`).toISOString() : null,
    called_at: called ? new Date(`${day}T${called}:00+07:00`).toISOString() : null,
    finished_at: finished ? new Date(`${day}T${finished}:00+07:00`).toISOString() : null,
  });
  const rows = [
    row('2026-11-27', '08:00', '08:10', '08:16', 'served'), // Friday: wait 10, service 6
    row('2026-11-27', '08:01', '08:30', '08:31', 'skipped'), // wait 29
    row('2026-11-30', '14:00', '14:05', '14:15', 'served', 2), // Monday: wait 5, service 10
    row('2026-11-30', '14:02', null, null, 'waiting', 2),
  ];
  const b = breakdown(rows, 15, [2, 5]);
  assert.equal(b.total.tickets, 4);
  assert.equal(b.total.called, 3);
  assert.equal(b.total.avgWaitMinutes, 14.7);
  assert.equal(b.total.maxWaitMinutes, 29);
  assert.equal(b.total.avgServiceMinutes, 8);
  assert.equal(b.total.withinTarget, 2);
  assert.equal(percent(b.total.withinTargetRate), '67 %');
  assert.deepEqual(
    b.byWeekday.map((d) => [d.weekday, d.sameDay, d.tickets]),
    [
      [1, false, 2],
      [5, true, 2],
    ],
  );
  assert.deepEqual(
    b.byHour.map((h) => [h.hour, h.tickets]),
    [
      [8, 2],
      [14, 2],
    ],
  );
  assert.deepEqual(
    b.byGroup.map((g) => [g.groupId, g.tickets, g.avgWaitMinutes]),
    [
      [1, 2, 19.5],
      [2, 2, 5],
    ],
  );
  assert.equal(b.sameDayDays.withinTargetRate, 0.5);
  assert.equal(b.otherDays.withinTargetRate, 1);
  assert.equal(breakdown([], 15, []).total.withinTargetRate, null);
  assert.equal(percent(null), '—');
});

test('page rules: the priority offered, when calls start, self-refreshing pages', async () => {
  const { offeredPriority, callsFrom, counterAutoRefresh, phoneAutoRefresh } = await import('./model.ts');
  assert.equal(offeredPriority('elderly', ['elderly', 'child']), 'elderly');
  assert.equal(offeredPriority('pregnant', ['elderly']), null);
  assert.equal(offeredPriority(null, ['elderly']), null);
  const at = new Date('2026-12-07T06:30:00Z');
  assert.equal(callsFrom({ kind: 'open' }), null);
  assert.equal(callsFrom({ kind: 'break', resumesAt: at }), at);
  assert.equal(callsFrom({ kind: 'closed', opensAt: at, dayOff: false, early: true }), at);
  assert.equal(counterAutoRefresh({ counter: {}, current: null }, 200), true);
  assert.equal(counterAutoRefresh({ counter: {}, current: {} }, 200), false);
  assert.equal(counterAutoRefresh({ counter: null, current: null }, 200), false);
  assert.equal(counterAutoRefresh({ counter: {}, current: null }, 409), false);
  assert.equal(phoneAutoRefresh({ today: true, status: 'waiting' }), true);
  assert.equal(phoneAutoRefresh({ today: true, status: 'called' }), true);
  assert.equal(phoneAutoRefresh({ today: true, status: 'served' }), false);
  assert.equal(phoneAutoRefresh({ today: false, status: 'waiting' }), false);
});

test('figures period: 28 days to today by default; from after to and more than a year are refused', async () => {
  const { figuresRange } = await import('./model.ts');
  const { AppError } = await import('../../core/http/errors.ts');
  assert.deepEqual(figuresRange({}, '2026-12-07'), { from: '2026-11-10', to: '2026-12-07' });
  assert.deepEqual(figuresRange({ from: '2026-12-01', to: '2026-12-03' }, '2026-12-07'), {
    from: '2026-12-01',
    to: '2026-12-03',
  });
  assert.deepEqual(figuresRange({ to: 'nonsense' }, '2026-12-07').to, '2026-12-07');
  assert.throws(
    () => figuresRange({ from: '2026-12-05', to: '2026-12-01' }, '2026-12-07'),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
  assert.throws(
    () => figuresRange({ from: '2025-01-01', to: '2026-12-01' }, '2026-12-07'),
    (e: unknown) => e instanceof AppError && e.code === 'RANGE_TOO_LARGE',
  );
});

test('JSON columns go through codecs: a bad row fails loudly', async () => {
  const { groupFieldsJson, counterGroupIdsJson } = await import('./model.ts');
  const { CorruptRowError } = await import('../../core/db/json.ts');
  assert.deepEqual(groupFieldsJson.decode(groupFieldsJson.encode(['Hộ tịch'])), ['Hộ tịch']);
  assert.deepEqual(counterGroupIdsJson.decode('[1,2]'), [1, 2]);
  assert.throws(() => counterGroupIdsJson.decode('["x"]'), CorruptRowError);
  assert.throws(() => groupFieldsJson.decode('not json'), CorruptRowError);
});
