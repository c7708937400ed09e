import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { weekday } from './local-date.ts';
import {
  COMPENSATION_RULES,
  DEFAULT_CULTURE_DAY,
  NoticeDataError,
  STATUTORY_HOLIDAY_RULES,
  applyNotices,
  computedHolidays,
  parseOfficialNotice,
  parseOfficialNotices,
  ruleDates,
  type CultureDayRule,
  type DayEntry,
  type OfficialNotice,
} from './holidays.ts';

const OFF: CultureDayRule = { enabled: false, from: '2026-07-01', confirmed: false };
const ON: CultureDayRule = { enabled: true, from: '2026-07-01', confirmed: false };

/** 'date kind' lines, compact to compare. */
function summary(entries: readonly DayEntry[]): string[] {
  return entries.map((e) => `${e.date} ${e.kind}`);
}

describe('computedHolidays — Labour Code 2019 art. 112 and art. 111(3)', () => {
  test('2026 (computed only, Culture Day off)', () => {
    assert.deepEqual(summary(computedHolidays(2026, { cultureDay: OFF })), [
      '2026-01-01 holiday',
      '2026-02-16 holiday', // 29 Chạp Ất Tỵ
      '2026-02-17 holiday', // mùng 1
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday', // mùng 4
      '2026-04-26 holiday', // Giỗ Tổ, a Sunday
      '2026-04-27 compensation',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-09-01 holiday', // 02/09 is a Wednesday: the adjacent day is the day before
      '2026-09-02 holiday',
    ]);
  });

  test('entries carry Vietnamese and English reasons and the legal basis', () => {
    const byDate = new Map(computedHolidays(2026, { cultureDay: OFF }).map((e) => [e.date, e]));
    const expect: [string, string, string][] = [
      ['2026-01-01', 'Tết Dương lịch', "New Year's Day"],
      ['2026-02-16', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
      ['2026-04-26', 'Giỗ Tổ Hùng Vương', "Hung Kings' Commemoration Day"],
      ['2026-04-27', 'Nghỉ bù', 'Compensatory day off'],
      ['2026-04-30', 'Ngày Chiến thắng', 'Reunification Day (30 April)'],
      ['2026-05-01', 'Ngày Quốc tế Lao động', "International Workers' Day"],
      ['2026-09-02', 'Quốc khánh', 'National Day'],
    ];
    for (const [date, vi, en] of expect) {
      const e = byDate.get(date);
      assert.ok(e, date);
      assert.equal(e.reason, vi);
      assert.equal(e.reasonEn, en);
      assert.equal(e.working, false);
      assert.equal(e.source, 'computed');
      assert.equal(e.pending, undefined);
    }
    assert.match(byDate.get('2026-01-01')?.legalBasis ?? '', /^Bộ luật Lao động 2019, Điều 112/);
    assert.match(byDate.get('2026-02-17')?.legalBasis ?? '', /Thủ tướng/);
    assert.equal(byDate.get('2026-04-27')?.legalBasis, 'Bộ luật Lao động 2019, Điều 111 khoản 3');
    assert.equal(byDate.get('2026-04-27')?.occasion, 'hung_kings');
  });

  test('2027 (BRIEF §9.4): Tết block compensated after the block, 01/05 Saturday → Monday 03/05', () => {
    assert.deepEqual(summary(computedHolidays(2027, { cultureDay: OFF })), [
      '2027-01-01 holiday', // Friday
      '2027-02-05 holiday', // Friday, 29 Chạp Bính Ngọ
      '2027-02-06 holiday', // Saturday, mùng 1 → compensated
      '2027-02-07 holiday', // Sunday → compensated
      '2027-02-08 holiday',
      '2027-02-09 holiday', // Tuesday, mùng 4
      '2027-02-10 compensation', // Wednesday
      '2027-02-11 compensation', // Thursday
      '2027-04-16 holiday', // Giỗ Tổ, Friday — no compensation
      '2027-04-30 holiday', // Friday
      '2027-05-01 holiday', // Saturday
      '2027-05-03 compensation', // Monday
      '2027-09-02 holiday', // Thursday: the adjacent day is Friday 03/09
      '2027-09-03 holiday',
    ]);
    assert.equal(weekday('2027-05-03'), 1);
    const comp = computedHolidays(2027, { cultureDay: OFF }).filter((e) => e.kind === 'compensation');
    assert.deepEqual(
      comp.map((e) => e.occasion),
      ['tet', 'tet', 'labour_day'],
    );
  });

  test('National Day adjacent day for each weekday of 02/09 (matches notices 2021–2025)', () => {
    const nd = (y: number) =>
      computedHolidays(y, { cultureDay: OFF })
        .filter((e) => e.date.slice(5, 7) === '09')
        .map((e) => `${e.date.slice(8)} ${e.kind}`);
    assert.deepEqual(nd(2024), ['02 holiday', '03 holiday']); // Monday → Tuesday 03/09
    assert.deepEqual(nd(2025), ['01 holiday', '02 holiday']); // Tuesday → Monday 01/09
    assert.deepEqual(nd(2026), ['01 holiday', '02 holiday']); // Wednesday → Tuesday 01/09
    assert.deepEqual(nd(2021), ['02 holiday', '03 holiday']); // Thursday → Friday 03/09
    assert.deepEqual(nd(2022), ['01 holiday', '02 holiday']); // Friday → Thursday 01/09
    assert.deepEqual(nd(2023), ['01 holiday', '02 holiday', '04 compensation']); // Saturday
    assert.deepEqual(nd(2029), ['01 holiday', '02 holiday', '03 compensation', '04 compensation']); // Sunday
  });

  test('compensation examples that match the official arrangements of past years', () => {
    // 2022: 01/01 Saturday → Monday 03/01; 30/04 Saturday and 01/05 Sunday → 02/05 and 03/05.
    const y2022 = summary(computedHolidays(2022, { cultureDay: OFF }));
    assert.ok(y2022.includes('2022-01-03 compensation'));
    assert.ok(y2022.includes('2022-05-02 compensation'));
    assert.ok(y2022.includes('2022-05-03 compensation'));
    // 2023: 01/01 Sunday → Monday 02/01; Giỗ Tổ Saturday 29/04 and 30/04 Sunday → Tuesday 02/05
    // and Wednesday 03/05 (01/05 Monday is itself a holiday).
    const y2023 = summary(computedHolidays(2023, { cultureDay: OFF }));
    assert.ok(y2023.includes('2023-01-02 compensation'));
    assert.ok(y2023.includes('2023-04-29 holiday'));
    assert.ok(y2023.includes('2023-05-01 holiday'));
    assert.ok(y2023.includes('2023-05-02 compensation'));
    assert.ok(y2023.includes('2023-05-03 compensation'));
  });

  test('every year 2021–2100 has 11 statutory days, compensations only after weekend holidays', () => {
    for (let y = 2021; y <= 2100; y++) {
      const entries = computedHolidays(y, { cultureDay: OFF });
      const holidays = entries.filter((e) => e.kind === 'holiday');
      const comps = entries.filter((e) => e.kind === 'compensation');
      assert.equal(holidays.length, 11, `${y}`);
      const weekendHolidays = holidays.filter((e) => [0, 6].includes(weekday(e.date)));
      assert.equal(comps.length, weekendHolidays.length, `${y}`);
      for (const c of comps) assert.ok(![0, 6].includes(weekday(c.date)), `${y}: ${c.date}`);
      assert.equal(new Set(entries.map((e) => e.date)).size, entries.length, `${y}: duplicate dates`);
    }
  });

  test('Labour Code 2012 (01/05/2013 – 31/12/2020): one National Day; nothing before 01/05/2013', () => {
    const y2020 = computedHolidays(2020, { cultureDay: OFF });
    assert.deepEqual(
      y2020.filter((e) => e.date.slice(5, 7) === '09').map((e) => e.date),
      ['2020-09-02'],
    );
    assert.match(y2020[0]?.legalBasis ?? '', /^Bộ luật Lao động 2012, Điều 115/);
    assert.equal(y2020.filter((e) => e.kind === 'holiday').length, 10);
    // 2013: only the holidays on or after 01/05/2013.
    assert.deepEqual(summary(computedHolidays(2013, { cultureDay: OFF })), [
      '2013-05-01 holiday',
      '2013-09-02 holiday',
    ]);
    assert.deepEqual(computedHolidays(2010, { cultureDay: OFF }), []);
    // 2019: 02/09 Monday, a single day.
    assert.deepEqual(
      computedHolidays(2019, { cultureDay: OFF })
        .filter((e) => e.date >= '2019-08-30' && e.date <= '2019-09-05')
        .map((e) => e.date),
      ['2019-09-02'],
    );
    assert.equal(COMPENSATION_RULES[0]?.legalBasis, 'Bộ luật Lao động 2012, Điều 115 khoản 3');
  });

  test('rule effective dates are data', () => {
    assert.ok(STATUTORY_HOLIDAY_RULES.length >= 12);
    for (const r of STATUTORY_HOLIDAY_RULES) assert.ok(r.validFrom, r.occasion);
    assert.ok(Object.isFrozen(STATUTORY_HOLIDAY_RULES));
  });

  test('ruleDates', () => {
    assert.deepEqual(ruleDates({ type: 'lunar_new_year', daysBefore: 1, daysFrom: 4 }, 2026), [
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    assert.deepEqual(ruleDates({ type: 'lunar_new_year', daysBefore: 2, daysFrom: 3 }, 2025), [
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    assert.deepEqual(ruleDates({ type: 'lunar', month: 3, day: 10 }, 2027), ['2027-04-16']);
    assert.deepEqual(ruleDates({ type: 'lunar', month: 12, day: 30 }, 2025), []); // no 30 Chạp
    assert.deepEqual(ruleDates({ type: 'solar', month: 4, day: 30 }, 2026), ['2026-04-30']);
    assert.deepEqual(ruleDates({ type: 'solar_with_adjacent', month: 9, day: 2 }, 2027), ['2027-09-02', '2027-09-03']);
  });

  test('two occasions on one date merge into one entry without an extra day', () => {
    const rules = [
      {
        occasion: 'victory_day' as const,
        reason: 'A',
        reasonEn: 'A',
        legalBasis: 'L1',
        date: { type: 'solar' as const, month: 5, day: 1 },
      },
      {
        occasion: 'labour_day' as const,
        reason: 'B',
        reasonEn: 'B',
        legalBasis: 'L2',
        date: { type: 'solar' as const, month: 5, day: 1 },
      },
    ];
    // 01/05/2027 is a Saturday: one compensation only.
    const e = computedHolidays(2027, { cultureDay: OFF, rules });
    assert.deepEqual(summary(e), ['2027-05-01 holiday', '2027-05-03 compensation']);
    assert.equal(e[0]?.reason, 'A; B');
    assert.equal(e[0]?.legalBasis, 'L1; L2');
  });

  test('configurable weekly rest days', () => {
    // Sunday only: a Saturday holiday is not compensated; a Sunday one is, on Monday.
    const e = computedHolidays(2027, { cultureDay: OFF, weekendDays: [0] });
    assert.ok(!e.some((x) => x.date === '2027-05-03'));
    const tet = e.filter((x) => x.occasion === 'tet').map((x) => `${x.date} ${x.kind}`);
    assert.deepEqual(tet.slice(-1), ['2027-02-10 compensation']);
    assert.equal(tet.length, 6);
  });

  test('rejects a non-integer year', () => {
    assert.throws(() => computedHolidays(2026.5, { cultureDay: OFF }), RangeError);
  });
});

describe('Vietnamese Culture Day (24/11) is a setting, flagged pending until confirmed', () => {
  test('enabled from 01/07/2026: 24/11/2026 is a holiday, pending', () => {
    const e = computedHolidays(2026, { cultureDay: ON }).find((x) => x.date === '2026-11-24');
    assert.ok(e);
    assert.equal(e.kind, 'holiday');
    assert.equal(e.reason, 'Ngày Văn hóa Việt Nam');
    assert.equal(e.reasonEn, 'Vietnamese Culture Day');
    assert.equal(e.pending, true);
    assert.match(e.legalBasis ?? '', /28\/2026\/QH16/);
  });

  test('confirmed: not pending', () => {
    const e = computedHolidays(2026, { cultureDay: { ...ON, confirmed: true } }).find((x) => x.date === '2026-11-24');
    assert.equal(e?.pending, undefined);
  });

  test('disabled, or before its effective date: no entry', () => {
    assert.ok(!computedHolidays(2026, { cultureDay: OFF }).some((x) => x.date === '2026-11-24'));
    assert.ok(!computedHolidays(2025, { cultureDay: ON }).some((x) => x.date === '2025-11-24'));
    const later = { ...ON, from: '2027-01-01' };
    assert.ok(!computedHolidays(2026, { cultureDay: later }).some((x) => x.date === '2026-11-24'));
    assert.ok(computedHolidays(2027, { cultureDay: later }).some((x) => x.date === '2027-11-24'));
  });

  test('on a weekend it is compensated, and the compensation is pending too', () => {
    // 24/11/2029 is a Saturday.
    const e = computedHolidays(2029, { cultureDay: ON }).filter((x) => x.occasion === 'culture_day');
    assert.deepEqual(summary(e), ['2029-11-24 holiday', '2029-11-26 compensation']);
    assert.equal(e[1]?.pending, true);
  });

  test('the default setting is documented data', () => {
    assert.equal(DEFAULT_CULTURE_DAY.from, '2026-07-01');
    assert.equal(DEFAULT_CULTURE_DAY.confirmed, false);
    assert.ok(Object.isFrozen(DEFAULT_CULTURE_DAY));
  });
});

describe('applyNotices — official notices beat computed values', () => {
  const computed2027 = computedHolidays(2027, { cultureDay: OFF });
  const base = { year: 2027, title: 'T', legalBasis: 'Thông báo X' };

  test('without notices the computed entries are returned', () => {
    assert.deepEqual(applyNotices(2027, computed2027, []), computed2027);
  });

  test('entry kinds are derived: re-stated holiday, re-stated compensation, swapped day, make-up day', () => {
    const notice: OfficialNotice = {
      ...base,
      id: 'n1',
      entries: [
        { date: '2027-02-05', working: false, reason: 'Tết Nguyên đán', reasonEn: 'Tết' },
        { date: '2027-02-10', working: false, reason: 'Nghỉ bù', reasonEn: 'Comp' },
        { date: '2027-02-12', working: false, reason: 'Nghỉ hoán đổi', reasonEn: 'Swapped' },
        { date: '2027-02-20', working: true, reason: 'Làm bù', reasonEn: 'Make-up working day' },
      ],
    };
    const out = new Map(applyNotices(2027, computed2027, [notice]).map((e) => [e.date, e]));
    assert.equal(out.get('2027-02-05')?.kind, 'holiday');
    assert.equal(out.get('2027-02-05')?.source, 'notice');
    assert.equal(out.get('2027-02-05')?.noticeId, 'n1');
    assert.match(out.get('2027-02-05')?.legalBasis ?? '', /^Bộ luật Lao động 2019, Điều 112.*; Thông báo X$/);
    assert.equal(out.get('2027-02-10')?.kind, 'compensation');
    assert.equal(out.get('2027-02-12')?.kind, 'notice_off');
    assert.equal(out.get('2027-02-12')?.legalBasis, 'Thông báo X');
    assert.equal(out.get('2027-02-20')?.kind, 'make_up');
    assert.equal(out.get('2027-02-20')?.working, true);
    // Untouched computed entries stay.
    assert.equal(out.get('2027-02-11')?.kind, 'compensation');
    assert.equal(out.get('2027-02-11')?.source, 'computed');
  });

  test('covers: the notice is the complete arrangement for its occasions', () => {
    // A hypothetical Tết 2027 notice moving the window to 04/02–10/02.
    const notice: OfficialNotice = {
      ...base,
      id: 'n2',
      covers: ['tet'],
      entries: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((date) => ({
        date,
        working: false,
        reason: 'Tết Nguyên đán',
        reasonEn: 'Tết',
      })),
    };
    const out = applyNotices(2027, computed2027, [notice]);
    const tetDates = out.filter((e) => e.date.startsWith('2027-02')).map((e) => `${e.date} ${e.kind}`);
    assert.deepEqual(tetDates, [
      '2027-02-04 notice_off',
      '2027-02-05 holiday',
      '2027-02-08 holiday',
      '2027-02-09 holiday',
      '2027-02-10 compensation',
    ]);
    // Other occasions are untouched.
    assert.ok(out.some((e) => e.date === '2027-05-03' && e.kind === 'compensation'));
  });

  test('covers only applies to the notice year', () => {
    const notice: OfficialNotice = { ...base, year: 2026, id: 'n3', covers: ['tet'], entries: [] };
    assert.deepEqual(applyNotices(2027, computed2027, [notice]), computed2027);
  });

  test('a later notice wins on the same date; entries outside the year are ignored', () => {
    const first: OfficialNotice = {
      ...base,
      id: 'a',
      issuedOn: '2026-10-01',
      entries: [{ date: '2027-03-06', working: true, reason: 'Làm bù', reasonEn: 'Make-up working day' }],
    };
    const second: OfficialNotice = {
      ...base,
      id: 'b',
      issuedOn: '2026-12-01',
      entries: [
        { date: '2027-03-06', working: false, reason: 'Nghỉ', reasonEn: 'Off' },
        { date: '2028-01-03', working: false, reason: 'Nghỉ', reasonEn: 'Off' },
      ],
    };
    for (const order of [
      [first, second],
      [second, first],
    ]) {
      const out = applyNotices(2027, computed2027, order);
      const e = out.find((x) => x.date === '2027-03-06');
      assert.equal(e?.noticeId, 'b');
      assert.equal(e?.working, false);
      assert.ok(!out.some((x) => x.date === '2028-01-03'));
    }
  });

  test('an explicit kind is kept', () => {
    const notice: OfficialNotice = {
      ...base,
      id: 'k',
      entries: [{ date: '2027-03-08', working: false, reason: 'Nghỉ bù', reasonEn: 'Comp', kind: 'compensation' }],
    };
    assert.equal(applyNotices(2027, computed2027, [notice]).find((e) => e.date === '2027-03-08')?.kind, 'compensation');
  });

  test('does not mutate the computed entries', () => {
    const copy = structuredClone(computed2027);
    const notice: OfficialNotice = {
      ...base,
      id: 'm',
      entries: [{ date: '2027-02-05', working: true, reason: 'Làm bù', reasonEn: 'Make-up working day' }],
    };
    applyNotices(2027, computed2027, [notice]);
    assert.deepEqual(computed2027, copy);
  });
});

describe('parseOfficialNotice(s) — shape check with clear errors', () => {
  const good = {
    id: 'x',
    year: 2027,
    title: 'T',
    legalBasis: 'L',
    issuedOn: '2026-10-16',
    covers: ['tet'],
    sources: ['https://example.org'],
    entries: [{ date: '2027-02-05', working: false, reason: 'Tết Nguyên đán', reasonEn: 'Tết' }],
  };

  test('accepts a good notice and normalises strings to NFC', () => {
    const decomposed = 'Te\u0302\u0301t'; // "Tết" in NFD
    const n = parseOfficialNotice({ ...good, title: decomposed });
    assert.equal(n.title, 'Tết');
    assert.deepEqual(n.covers, ['tet']);
    assert.equal(n.entries.length, 1);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 42, /notice: must be an object/],
    ['missing id', { ...good, id: '' }, /notice\.id: must be a non-empty string/],
    ['bad year', { ...good, year: '2027' }, /notice\.year/],
    ['bad issuedOn', { ...good, issuedOn: '2026-02-30' }, /notice\.issuedOn: must be a real date/],
    ['entries not array', { ...good, entries: {} }, /notice\.entries: must be an array/],
    [
      'bad entry date',
      { ...good, entries: [{ ...good.entries[0], date: '05/02/2027' }] },
      /notice\.entries\[0\]\.date/,
    ],
    ['working not boolean', { ...good, entries: [{ ...good.entries[0], working: 'no' }] }, /entries\[0\]\.working/],
    [
      'missing reasonEn',
      { ...good, entries: [{ date: '2027-02-05', working: false, reason: 'R' }] },
      /entries\[0\]\.reasonEn/,
    ],
    [
      'duplicate date',
      { ...good, entries: [good.entries[0], good.entries[0]] },
      /entries\[1\]\.date: duplicate date 2027-02-05/,
    ],
    [
      'unknown kind',
      { ...good, entries: [{ ...good.entries[0], kind: 'party' }] },
      /entries\[0\]\.kind: must be one of/,
    ],
    ['kind contradicts working', { ...good, entries: [{ ...good.entries[0], kind: 'make_up' }] }, /contradicts/],
    ['bad covers', { ...good, covers: ['christmas'] }, /notice\.covers\[0\]/],
    ['bad sources', { ...good, sources: 'x' }, /notice\.sources/],
  ];
  for (const [name, value, re] of bad) {
    test(`rejects: ${name}`, () => {
      assert.throws(
        () => parseOfficialNotice(value),
        (err: unknown) => err instanceof NoticeDataError && re.test(err.message),
      );
    });
  }

  test('arrays: paths name the notice index; ids must be unique', () => {
    assert.throws(() => parseOfficialNotices({}), /notices: must be an array/);
    assert.throws(() => parseOfficialNotices([good, { ...good, year: 1 }]), /notices\[1\]\.year/);
    assert.throws(() => parseOfficialNotices([good, good]), /notices\[1\]\.id: duplicate notice id "x"/);
    assert.equal(parseOfficialNotices([good, { ...good, id: 'y' }]).length, 2);
  });
});
