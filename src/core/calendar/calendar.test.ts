import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from './local-date.ts';
import {
  CalendarConfigError,
  DEFAULT_CUTOFF,
  DEFAULT_SESSIONS,
  MAX_DAYS_RANGE,
  createWorkCalendar,
  type CalendarConfig,
} from './calendar.ts';
import { SHIPPED_NOTICES } from './official-notices.ts';
import type { CultureDayRule, OfficialNotice } from './holidays.ts';

const CULTURE_OFF: CultureDayRule = { enabled: false, from: '2026-07-01', confirmed: false };
const CULTURE_ON: CultureDayRule = { enabled: true, from: '2026-07-01', confirmed: false };

function config(over: Partial<CalendarConfig> = {}): CalendarConfig {
  return {
    sessions: DEFAULT_SESSIONS,
    cutoff: DEFAULT_CUTOFF,
    notices: SHIPPED_NOTICES,
    cultureDay: CULTURE_OFF,
    ...over,
  };
}

const cal = createWorkCalendar(config());
const vn = (s: string) => new Date(`${s}+07:00`);

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('2026 with the shipped official notices — BRIEF §15 vectors 9–14', () => {
  for (const culture of [CULTURE_OFF, CULTURE_ON]) {
    const c = createWorkCalendar(config({ cultureDay: culture }));
    const label = culture.enabled ? 'Culture Day on' : 'Culture Day off';

    test(`vector 9: 01/01–04/01/2026 off, 05/01 working (${label})`, () => {
      for (const d of range('2026-01-01', '2026-01-04')) assert.equal(c.isWorkingDay(d), false, d);
      assert.equal(c.isWorkingDay('2025-12-31'), true);
      assert.equal(c.isWorkingDay('2026-01-05'), true);
    });

    test(`vector 10: 14/02–22/02/2026 off, 13/02 and 23/02 working (${label})`, () => {
      for (const d of range('2026-02-14', '2026-02-22')) assert.equal(c.isWorkingDay(d), false, d);
      assert.equal(c.isWorkingDay('2026-02-13'), true);
      assert.equal(c.isWorkingDay('2026-02-23'), true);
    });

    test(`vector 11: 27/04/2026 off (${label})`, () => {
      assert.equal(c.isWorkingDay('2026-04-27'), false);
      assert.equal(c.isWorkingDay('2026-04-24'), true);
      assert.equal(c.isWorkingDay('2026-04-28'), true);
    });

    test(`vector 12: 30/04–03/05/2026 off, no swap (${label})`, () => {
      for (const d of range('2026-04-30', '2026-05-03')) assert.equal(c.isWorkingDay(d), false, d);
      assert.equal(c.isWorkingDay('2026-04-29'), true);
      assert.equal(c.isWorkingDay('2026-05-04'), true);
      assert.equal(c.isWorkingDay('2026-05-09'), false); // no make-up Saturday
    });

    test(`vector 13: 29/08–02/09/2026 off, 31/08 swapped (${label})`, () => {
      for (const d of range('2026-08-29', '2026-09-02')) assert.equal(c.isWorkingDay(d), false, d);
      assert.equal(c.isWorkingDay('2026-08-28'), true);
      assert.equal(c.isWorkingDay('2026-09-03'), true);
      const swapped = c.dayInfo('2026-08-31');
      assert.equal(swapped.kind, 'notice_off');
      assert.match(swapped.reason, /hoán đổi/);
      assert.match(swapped.reasonEn, /[Ss]wap/);
      assert.equal(swapped.source, 'notice');
    });

    test(`vector 14: Saturdays 10/01 and 22/08/2026 are working days (${label})`, () => {
      for (const d of ['2026-01-10', '2026-08-22']) {
        const info = c.dayInfo(d);
        assert.equal(info.working, true, d);
        assert.equal(info.weekday, 6);
        assert.equal(info.kind, 'make_up');
        assert.equal(info.reason, 'Làm bù');
        assert.equal(info.reasonEn, 'Make-up working day');
        assert.equal(info.source, 'notice');
      }
      assert.equal(c.isWorkingDay('2026-01-17'), false);
    });
  }

  test('day details: statutory Tết days, the swapped New Year day, Giỗ Tổ and its compensation', () => {
    const tet = cal.dayInfo('2026-02-16');
    assert.equal(tet.kind, 'holiday');
    assert.equal(tet.reason, 'Tết Nguyên đán');
    assert.deepEqual(tet.lunar, { day: 29, month: 12, year: 2025, leap: false });
    assert.match(tet.legalBasis ?? '', /9441\/TB-BNV/);
    assert.deepEqual(cal.dayInfo('2026-02-17').lunar, { day: 1, month: 1, year: 2026, leap: false });
    // Weekend days inside the Tết window are weekly rest days.
    assert.equal(cal.dayInfo('2026-02-14').kind, 'weekend');
    assert.equal(cal.dayInfo('2026-02-14').reason, 'Thứ Bảy');
    assert.equal(cal.dayInfo('2026-02-22').reason, 'Chủ nhật');

    const jan2 = cal.dayInfo('2026-01-02');
    assert.equal(jan2.kind, 'notice_off');
    assert.equal(jan2.reason, 'Nghỉ hoán đổi (Tết Dương lịch)');
    assert.match(jan2.legalBasis ?? '', /12729\/VPCP-KGVX/);

    const hung = cal.dayInfo('2026-04-26');
    assert.equal(hung.kind, 'holiday');
    assert.equal(hung.reason, 'Giỗ Tổ Hùng Vương');
    assert.deepEqual(hung.lunar, { day: 10, month: 3, year: 2026, leap: false });
    const comp = cal.dayInfo('2026-04-27');
    assert.equal(comp.kind, 'compensation');
    assert.equal(comp.reason, 'Nghỉ bù');
    assert.equal(comp.reasonEn, 'Compensatory day off');
    assert.equal(comp.source, 'computed');
    assert.equal(comp.legalBasis, 'Bộ luật Lao động 2019, Điều 111 khoản 3');
  });

  test('plain days', () => {
    const wd = cal.dayInfo('2026-10-07');
    assert.deepEqual(
      { ...wd, lunar: undefined },
      {
        date: '2026-10-07',
        working: true,
        weekday: 3,
        kind: 'workday',
        reason: 'Ngày làm việc',
        reasonEn: 'Working day',
        source: 'weekly',
        lunar: undefined,
      },
    );
    const sun = cal.dayInfo('2026-10-11');
    assert.equal(sun.kind, 'weekend');
    assert.equal(sun.reason, 'Chủ nhật');
    assert.equal(sun.reasonEn, 'Sunday');
    assert.equal(sun.source, 'weekly');
    assert.equal(sun.working, false);
    assert.equal(cal.dayInfo('2026-10-10').reason, 'Thứ Bảy');
    assert.equal(cal.dayInfo('2026-10-10').reasonEn, 'Saturday');
  });
});

describe('Culture Day 24/11/2026 follows the setting — vector 15 (no fixed default asserted)', () => {
  test('enabling or disabling it changes isWorkingDay(24/11/2026)', () => {
    const on = createWorkCalendar(config({ cultureDay: CULTURE_ON }));
    const off = createWorkCalendar(config({ cultureDay: CULTURE_OFF }));
    assert.equal(on.isWorkingDay('2026-11-24'), false);
    assert.equal(off.isWorkingDay('2026-11-24'), true);
    const info = on.dayInfo('2026-11-24');
    assert.equal(info.kind, 'holiday');
    assert.equal(info.pending, true);
    assert.equal(info.reason, 'Ngày Văn hóa Việt Nam');
    assert.equal(off.dayInfo('2026-11-24').kind, 'workday');
  });

  test('confirmed clears the pending flag; from moves the start', () => {
    const confirmed = createWorkCalendar(config({ cultureDay: { ...CULTURE_ON, confirmed: true } }));
    assert.equal(confirmed.dayInfo('2026-11-24').pending, undefined);
    const from2027 = createWorkCalendar(config({ cultureDay: { ...CULTURE_ON, from: '2027-01-01' } }));
    assert.equal(from2027.isWorkingDay('2026-11-24'), true);
    assert.equal(from2027.isWorkingDay('2027-11-24'), false);
  });
});

describe('computed-only years (2027)', () => {
  test('Giỗ Tổ 16/04/2027 (Friday) is a holiday with no compensation', () => {
    const info = cal.dayInfo('2027-04-16');
    assert.equal(info.kind, 'holiday');
    assert.equal(info.weekday, 5);
    assert.equal(info.source, 'computed');
    assert.equal(cal.isWorkingDay('2027-04-19'), true);
  });

  test('01/05/2027 (Saturday) is compensated on Monday 03/05/2027', () => {
    assert.equal(cal.dayInfo('2027-05-01').kind, 'holiday');
    assert.equal(cal.dayInfo('2027-05-03').kind, 'compensation');
    assert.equal(cal.isWorkingDay('2027-05-03'), false);
    assert.equal(cal.isWorkingDay('2027-05-04'), true);
  });

  test('Tết Đinh Mùi: 05/02–11/02/2027 off (weekend Tết days compensated after the block)', () => {
    for (const d of range('2027-02-05', '2027-02-11')) assert.equal(cal.isWorkingDay(d), false, d);
    assert.equal(cal.isWorkingDay('2027-02-04'), true);
    assert.equal(cal.isWorkingDay('2027-02-12'), true);
    assert.equal(cal.dayInfo('2027-02-06').kind, 'holiday'); // mùng 1 on a Saturday
    assert.equal(cal.dayInfo('2027-02-11').kind, 'compensation');
  });
});

describe('yearStatus', () => {
  test("'official' with a notice, 'confirmed' when listed, else 'computed'", () => {
    assert.equal(cal.yearStatus(2026), 'official');
    assert.equal(cal.yearStatus(2027), 'computed');
    const c = createWorkCalendar(config({ confirmedYears: [2027] }));
    assert.equal(c.yearStatus(2027), 'confirmed');
    assert.equal(c.yearStatus(2028), 'computed');
    const both = createWorkCalendar(config({ confirmedYears: [2026] }));
    assert.equal(both.yearStatus(2026), 'official');
  });
});

describe('working-day navigation', () => {
  test('nextWorkingDay / previousWorkingDay are strict', () => {
    assert.equal(cal.nextWorkingDay('2026-10-07'), '2026-10-08');
    assert.equal(cal.nextWorkingDay('2026-10-09'), '2026-10-12');
    assert.equal(cal.nextWorkingDay('2026-10-10'), '2026-10-12');
    assert.equal(cal.nextWorkingDay('2026-02-13'), '2026-02-23');
    assert.equal(cal.nextWorkingDay('2026-01-09'), '2026-01-10'); // make-up Saturday
    assert.equal(cal.nextWorkingDay('2025-12-31'), '2026-01-05');
    assert.equal(cal.nextWorkingDay('2026-08-28'), '2026-09-03');
    assert.equal(cal.previousWorkingDay('2026-02-23'), '2026-02-13');
    assert.equal(cal.previousWorkingDay('2026-01-12'), '2026-01-10');
    assert.equal(cal.previousWorkingDay('2026-01-05'), '2025-12-31');
    assert.equal(cal.previousWorkingDay('2026-10-12'), '2026-10-09');
  });

  test('addWorkingDays does not count the start day', () => {
    assert.equal(cal.addWorkingDays('2026-02-13', 3), '2026-02-25');
    assert.equal(cal.addWorkingDays('2026-02-12', 1), '2026-02-13');
    assert.equal(cal.addWorkingDays('2026-02-12', 2), '2026-02-23');
    assert.equal(cal.addWorkingDays('2026-01-09', 1), '2026-01-10');
    assert.equal(cal.addWorkingDays('2026-01-09', 2), '2026-01-12');
    assert.equal(cal.addWorkingDays('2026-10-10', 1), '2026-10-12'); // from a Saturday
    assert.equal(cal.addWorkingDays('2026-10-07', 0), '2026-10-07');
    assert.equal(cal.addWorkingDays('2026-10-10', 0), '2026-10-10');
    assert.equal(cal.addWorkingDays('2026-02-25', -3), '2026-02-13');
    assert.equal(cal.addWorkingDays('2026-10-05', 20), '2026-11-02');
    assert.throws(() => cal.addWorkingDays('2026-10-05', 1.5), RangeError);
    assert.throws(() => cal.addWorkingDays('2026-13-05', 1), RangeError);
  });

  test('a year of working days: 2026 has the expected count', () => {
    const days = cal.days('2026-01-01', '2026-12-31');
    assert.equal(days.length, 365);
    // 261 weekdays − 12 weekday days off (01/01, 02/01, 16–20/02, 27/04, 30/04, 01/05, 31/08,
    // 01/09, 02/09 = 13) + 2 make-up Saturdays = 250.
    assert.equal(days.filter((d) => d.working).length, 261 - 13 + 2);
  });

  test('days() is inclusive and bounded', () => {
    const d = cal.days('2026-02-13', '2026-02-23');
    assert.equal(d.length, 11);
    assert.equal(d[0]?.date, '2026-02-13');
    assert.equal(d[10]?.date, '2026-02-23');
    assert.deepEqual(
      d.map((x) => x.working),
      [true, false, false, false, false, false, false, false, false, false, true],
    );
    assert.equal(cal.days('2026-02-13', '2026-02-13').length, 1);
    assert.throws(() => cal.days('2026-02-14', '2026-02-13'), RangeError);
    assert.equal(cal.days('2026-01-01', addDays('2026-01-01', MAX_DAYS_RANGE - 1)).length, MAX_DAYS_RANGE);
    assert.throws(() => cal.days('2026-01-01', addDays('2026-01-01', MAX_DAYS_RANGE)), RangeError);
    assert.throws(() => cal.days('2026-1-1', '2026-01-02'), RangeError);
  });

  test('entries() are memoised per year', () => {
    assert.equal(cal.entries(2026), cal.entries(2026));
    assert.ok(Object.isFrozen(cal.entries(2026)));
  });

  test('the calendar does not see later changes to the config object', () => {
    const notices: OfficialNotice[] = [
      {
        id: 'n',
        year: 2028,
        title: 'T',
        legalBasis: 'L',
        entries: [{ date: '2028-03-06', working: false, reason: 'R', reasonEn: 'R' }],
      },
    ];
    const cfg = config({ notices, weekendDays: [0, 6] });
    const c = createWorkCalendar(cfg);
    notices[0]?.entries.push({ date: '2028-03-07', working: false, reason: 'R', reasonEn: 'R' });
    (cfg.weekendDays as number[]).push(5);
    assert.equal(c.isWorkingDay('2028-03-06'), false);
    assert.equal(c.isWorkingDay('2028-03-07'), true);
    assert.equal(c.isWorkingDay('2028-03-10'), true); // a Friday
  });
});

describe('sessions', () => {
  test('isWithinSession uses half-open sessions [start, end)', () => {
    const cases: [string, boolean][] = [
      ['2026-10-07T07:29:59.999', false],
      ['2026-10-07T07:30:00', true],
      ['2026-10-07T11:29:59.999', true],
      ['2026-10-07T11:30:00', false],
      ['2026-10-07T12:00:00', false],
      ['2026-10-07T13:30:00', true],
      ['2026-10-07T16:59:59', true],
      ['2026-10-07T17:00:00', false],
      ['2026-10-07T23:00:00', false],
      ['2026-10-10T09:00:00', false], // Saturday
      ['2026-01-10T09:00:00', true], // make-up Saturday
      ['2026-02-17T09:00:00', false], // Tết
    ];
    for (const [t, expected] of cases) assert.equal(cal.isWithinSession(vn(t)), expected, t);
  });

  test('nextSessionStart', () => {
    const cases: [string, string][] = [
      ['2026-10-07T10:00:00', '2026-10-07T10:00:00'], // inside: itself
      ['2026-10-07T07:30:00', '2026-10-07T07:30:00'],
      ['2026-10-07T06:00:00', '2026-10-07T07:30:00'],
      ['2026-10-07T11:30:00', '2026-10-07T13:30:00'],
      ['2026-10-07T12:15:00', '2026-10-07T13:30:00'],
      ['2026-10-07T17:00:00', '2026-10-08T07:30:00'],
      ['2026-10-09T17:30:00', '2026-10-12T07:30:00'], // Friday evening → Monday
      ['2026-10-10T10:00:00', '2026-10-12T07:30:00'], // Saturday
      ['2026-02-13T17:00:00', '2026-02-23T07:30:00'], // Tết 2026
      ['2026-01-09T18:00:00', '2026-01-10T07:30:00'], // make-up Saturday
    ];
    for (const [t, expected] of cases) {
      assert.equal(cal.nextSessionStart(vn(t)).getTime(), vn(expected).getTime(), t);
    }
    assert.throws(() => cal.nextSessionStart(new Date(Number.NaN)), RangeError);
  });

  test('sessionsOf', () => {
    assert.deepEqual(cal.sessionsOf('2026-10-07'), [
      { start: vn('2026-10-07T07:30:00'), end: vn('2026-10-07T11:30:00') },
      { start: vn('2026-10-07T13:30:00'), end: vn('2026-10-07T17:00:00') },
    ]);
    assert.deepEqual(cal.sessionsOf('2026-10-10'), []);
    assert.deepEqual(cal.sessionsOf('2026-02-18'), []);
    assert.equal(cal.sessionsOf('2026-08-22').length, 2);
    assert.equal(cal.closingMinute, 17 * 60);
    assert.equal(cal.cutoffMinute, 15 * 60);
    assert.deepEqual(cal.sessionMinutes, [
      { start: 450, end: 690 },
      { start: 810, end: 1020 },
    ]);
  });

  test('custom sessions and weekly rest days', () => {
    const c = createWorkCalendar(
      config({ sessions: [{ start: '08:00', end: '12:00' }], cutoff: '10:00', weekendDays: [0] }),
    );
    assert.equal(c.isWorkingDay('2026-10-10'), true); // Saturday
    assert.equal(c.isWorkingDay('2026-10-11'), false);
    assert.equal(c.isWithinSession(vn('2026-10-10T11:59:00')), true);
    assert.equal(c.isWithinSession(vn('2026-10-10T13:00:00')), false);
    assert.equal(c.nextSessionStart(vn('2026-10-10T13:00:00')).getTime(), vn('2026-10-12T08:00:00').getTime());
    assert.equal(c.closingMinute, 720);
    // Touching sessions are allowed.
    const t = createWorkCalendar(
      config({
        sessions: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '24:00' },
        ],
      }),
    );
    assert.equal(t.isWithinSession(vn('2026-10-07T23:59:59')), true);
  });
});

describe('config validation', () => {
  const bad: [string, Partial<CalendarConfig> | Record<string, unknown>, string, RegExp][] = [
    ['no sessions', { sessions: [] }, 'sessions', /non-empty/],
    ['bad time', { sessions: [{ start: '7:30', end: '11:30' }] }, 'sessions[0].start', /HH:mm/],
    ['25:00', { sessions: [{ start: '07:30', end: '25:00' }] }, 'sessions[0].end', /HH:mm/],
    ['start 24:00', { sessions: [{ start: '24:00', end: '24:00' }] }, 'sessions[0].start', /before 24:00/],
    ['end before start', { sessions: [{ start: '11:30', end: '07:30' }] }, 'sessions[0]', /end after it starts/],
    ['empty session', { sessions: [{ start: '11:30', end: '11:30' }] }, 'sessions[0]', /end after it starts/],
    [
      'unsorted',
      {
        sessions: [
          { start: '13:30', end: '17:00' },
          { start: '07:30', end: '11:30' },
        ],
      },
      'sessions[1]',
      /sorted, not overlapping/,
    ],
    [
      'overlapping',
      {
        sessions: [
          { start: '07:30', end: '12:00' },
          { start: '11:30', end: '17:00' },
        ],
      },
      'sessions[1]',
      /sorted, not overlapping/,
    ],
    ['cutoff', { cutoff: '3pm' }, 'cutoff', /HH:mm/],
    ['weekend out of range', { weekendDays: [7] }, 'weekendDays', /0 \(Sunday\)/],
    ['weekend repeated', { weekendDays: [0, 0] }, 'weekendDays', /repeat/],
    ['no working weekday', { weekendDays: [0, 1, 2, 3, 4, 5, 6] }, 'weekendDays', /at least one/],
    [
      'bad notice',
      {
        notices: [
          {
            id: 'x',
            year: 2027,
            title: 'T',
            legalBasis: 'L',
            entries: [{ date: '2027-02-30', working: false, reason: 'R', reasonEn: 'R' }],
          },
        ],
      },
      'notices[0].entries[0].date',
      /real date/,
    ],
    [
      'culture from',
      { cultureDay: { enabled: true, from: '2026-7-1', confirmed: false } },
      'cultureDay.from',
      /YYYY-MM-DD/,
    ],
    [
      'culture enabled',
      { cultureDay: { enabled: 'yes', from: '2026-07-01', confirmed: false } },
      'cultureDay.enabled',
      /true or false/,
    ],
    ['confirmedYears', { confirmedYears: [2026.5] }, 'confirmedYears', /integer/],
  ];
  for (const [name, over, field, re] of bad) {
    test(`rejects: ${name}`, () => {
      assert.throws(
        () => createWorkCalendar(config(over)),
        (err: unknown) =>
          err instanceof CalendarConfigError &&
          err.field === field &&
          re.test(err.message) &&
          err.message.startsWith('Invalid calendar configuration: '),
      );
    });
  }
});
