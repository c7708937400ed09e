import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SHIPPED_NOTICES, defaultCalendarConfig, loadNoticeFile } from './official-notices.ts';
import { DEFAULT_CUTOFF, DEFAULT_SESSIONS } from './calendar.ts';

describe('shipped notices (data/holidays/vn-2026.json)', () => {
  test('three 2026 notices with their legal bases', () => {
    assert.equal(SHIPPED_NOTICES.length, 3);
    for (const n of SHIPPED_NOTICES) assert.equal(n.year, 2026);
    const bases = SHIPPED_NOTICES.map((n) => n.legalBasis).join(' | ');
    assert.match(bases, /12729\/VPCP-KGVX/);
    assert.match(bases, /9441\/TB-BNV/);
    assert.match(bases, /3383\/BNV-CVL/);
  });

  test('the 2026 days set by the notices', () => {
    const entries = SHIPPED_NOTICES.flatMap((n) => n.entries);
    const off = entries
      .filter((e) => !e.working)
      .map((e) => e.date)
      .sort();
    const on = entries
      .filter((e) => e.working)
      .map((e) => e.date)
      .sort();
    assert.deepEqual(off, [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    assert.deepEqual(on, ['2026-01-10', '2026-08-22']);
    for (const e of entries.filter((x) => x.working)) {
      assert.equal(e.reason, 'Làm bù');
      assert.equal(e.reasonEn, 'Make-up working day');
    }
  });

  test('Culture Day is not in the shipped data (its status is a setting)', () => {
    assert.ok(!SHIPPED_NOTICES.some((n) => n.entries.some((e) => e.date.endsWith('-11-24'))));
    assert.ok(!SHIPPED_NOTICES.some((n) => n.covers?.includes('culture_day')));
  });

  test('the data is frozen', () => {
    assert.ok(Object.isFrozen(SHIPPED_NOTICES));
    assert.ok(Object.isFrozen(SHIPPED_NOTICES[0]?.entries[0]));
  });

  test('a malformed file fails at load with the file and field in the message', () => {
    assert.throws(
      () =>
        loadNoticeFile('vn-2099.json', [
          { id: 'x', year: 2099, title: 'T', legalBasis: 'L', entries: [{ date: '2099-02-30' }] },
        ]),
      /data\/holidays\/vn-2099\.json: notices\[0\]\.entries\[0\]\.date: must be a real date/,
    );
    assert.throws(
      () => loadNoticeFile('vn-2099.json', { not: 'an array' }),
      /vn-2099\.json: notices: must be an array/,
    );
  });

  test('defaultCalendarConfig uses the defaults and the shipped notices', () => {
    const c = defaultCalendarConfig();
    assert.equal(c.sessions, DEFAULT_SESSIONS);
    assert.equal(c.cutoff, DEFAULT_CUTOFF);
    assert.equal(c.notices, SHIPPED_NOTICES);
    assert.deepEqual(c.weekendDays, [0, 6]);
    assert.equal(defaultCalendarConfig({ cutoff: '16:00' }).cutoff, '16:00');
  });
});
