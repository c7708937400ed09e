import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, weekday } from './local-date.ts';
import {
  CAN,
  CHI,
  canChiDay,
  canChiMonth,
  canChiYear,
  formatLunarShortVi,
  formatLunarVi,
  lastDayOfLunarYear,
  lunarLeapMonth,
  lunarMonthLength,
  lunarMonthName,
  lunarNewYear,
  lunarToSolar,
  lunarToSolarAt,
  solarToLunar,
  solarToLunarAt,
} from './lunar.ts';

describe('Tết (lunar 1/1) in Vietnam (UTC+7) versus China (UTC+8) — BRIEF §9.5 and §15', () => {
  const vectors: [number, string, string][] = [
    [1965, '1965-02-01', '1965-02-02'],
    [1968, '1968-01-29', '1968-01-30'],
    [1969, '1969-02-16', '1969-02-17'],
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2025, '2025-01-29', '2025-01-29'],
    [2026, '2026-02-17', '2026-02-17'],
    [2027, '2027-02-06', '2027-02-06'],
    [2030, '2030-02-02', '2030-02-03'],
    [2053, '2053-02-18', '2053-02-19'],
  ];
  for (const [year, vn, cn] of vectors) {
    test(`${year}: Vietnam ${vn}, China ${cn}`, () => {
      assert.equal(lunarToSolar(1, 1, year), vn);
      assert.equal(lunarNewYear(year), vn);
      assert.deepEqual(solarToLunar(vn), { day: 1, month: 1, year, leap: false });
      // The same algorithm at 120°E gives the Chinese date: the time zone really is a parameter.
      assert.equal(lunarToSolarAt(1, 1, year, false, 8), cn);
      assert.deepEqual(solarToLunarAt(cn, 8), { day: 1, month: 1, year, leap: false });
    });
  }

  test('vector 1: Tết 1985 is Monday 21/01/1985 in Vietnam, a month before China', () => {
    assert.equal(weekday('1985-01-21'), 1);
    // At UTC+8, 21/01/1985 is still month 12 of 1984.
    assert.deepEqual(solarToLunarAt('1985-01-21', 8), { day: 1, month: 12, year: 1984, leap: false });
    assert.equal(solarToLunar('1985-02-20').month, 2);
  });

  test('weekdays of the §15 Tết vectors', () => {
    assert.equal(weekday('2007-02-17'), 6);
    assert.equal(weekday('2025-01-29'), 3);
    assert.equal(weekday('2026-02-17'), 2);
    assert.equal(weekday('2027-02-06'), 6);
    assert.equal(weekday('2030-02-02'), 6);
  });

  test('Tết 2000–2025 as observed in Vietnam', () => {
    const observed: Record<number, string> = {
      2000: '2000-02-05',
      2001: '2001-01-24',
      2002: '2002-02-12',
      2003: '2003-02-01',
      2004: '2004-01-22',
      2005: '2005-02-09',
      2006: '2006-01-29',
      2007: '2007-02-17',
      2008: '2008-02-07',
      2009: '2009-01-26',
      2010: '2010-02-14',
      2011: '2011-02-03',
      2012: '2012-01-23',
      2013: '2013-02-10',
      2014: '2014-01-31',
      2015: '2015-02-19',
      2016: '2016-02-08',
      2017: '2017-01-28',
      2018: '2018-02-16',
      2019: '2019-02-05',
      2020: '2020-01-25',
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
    };
    for (const [y, d] of Object.entries(observed)) assert.equal(lunarNewYear(Number(y)), d, y);
  });
});

describe('end of lunar year (29 or 30 Chạp)', () => {
  test('vector 4: 16/02/2026 is 29 Chạp Ất Tỵ and there is no 30 Chạp', () => {
    assert.deepEqual(solarToLunar('2026-02-16'), { day: 29, month: 12, year: 2025, leap: false });
    assert.equal(canChiYear(2025), 'Ất Tỵ');
    assert.equal(lunarToSolar(30, 12, 2025), null);
    assert.equal(lunarMonthLength(12, 2025), 29);
    assert.equal(lastDayOfLunarYear(2025), '2026-02-16');
    assert.equal(formatLunarVi(solarToLunar('2026-02-16')), 'ngày 29 tháng Chạp năm Ất Tỵ');
  });

  test('vector 5: 05/02/2027 is 29 Chạp Bính Ngọ, the last day of that year', () => {
    assert.deepEqual(solarToLunar('2027-02-05'), { day: 29, month: 12, year: 2026, leap: false });
    assert.equal(weekday('2027-02-05'), 5);
    assert.equal(lastDayOfLunarYear(2026), '2027-02-05');
    assert.equal(lunarToSolar(30, 12, 2026), null);
  });

  test('years ending on 30 Chạp and on 29 Chạp', () => {
    // Quý Mão (2023) ended on 30 Chạp, Friday 09/02/2024 ("30 Tết").
    assert.equal(lunarMonthLength(12, 2023), 30);
    assert.equal(lunarToSolar(30, 12, 2023), '2024-02-09');
    assert.equal(lastDayOfLunarYear(2023), '2024-02-09');
    // Giáp Thìn (2024) had no 30 Chạp: it ended on 29 Chạp, 28/01/2025.
    assert.equal(lunarMonthLength(12, 2024), 29);
    assert.equal(lunarToSolar(30, 12, 2024), null);
    assert.equal(lastDayOfLunarYear(2024), '2025-01-28');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 ÂL) — vectors 7 and 8', () => {
  test('2026: Sunday 26/04/2026', () => {
    assert.equal(lunarToSolar(10, 3, 2026), '2026-04-26');
    assert.equal(weekday('2026-04-26'), 0);
  });
  test('2027: Friday 16/04/2027', () => {
    assert.equal(lunarToSolar(10, 3, 2027), '2027-04-16');
    assert.equal(weekday('2027-04-16'), 5);
  });
});

describe('leap months', () => {
  test('known Vietnamese leap months', () => {
    const known: Record<number, number | null> = {
      2001: 4,
      2004: 2,
      2006: 7,
      2009: 5,
      2012: 4,
      2014: 9,
      2017: 6,
      2020: 4,
      2023: 2,
      2025: 6,
      2028: 5,
      2033: 11,
      2024: null,
      2026: null,
      2027: null,
    };
    for (const [y, m] of Object.entries(known)) assert.equal(lunarLeapMonth(Number(y)), m, y);
  });

  test('leap month 6 of Ất Tỵ (2025)', () => {
    assert.deepEqual(solarToLunar('2025-07-24'), { day: 30, month: 6, year: 2025, leap: false });
    assert.deepEqual(solarToLunar('2025-07-25'), { day: 1, month: 6, year: 2025, leap: true });
    assert.equal(lunarToSolar(1, 6, 2025, true), '2025-07-25');
    assert.equal(lunarToSolar(1, 7, 2025), '2025-08-23');
    assert.equal(lunarMonthLength(6, 2025, true), 29);
    assert.equal(formatLunarVi({ day: 15, month: 6, year: 2025, leap: true }), 'ngày 15 tháng Sáu nhuận năm Ất Tỵ');
    assert.equal(formatLunarShortVi({ day: 15, month: 6, year: 2025, leap: true }), '15/6 nhuận Ất Tỵ');
  });

  test('leap month 11 after the solstice (Quý Sửu 2033)', () => {
    assert.equal(lunarToSolar(1, 11, 2033, true), '2033-12-22');
    assert.deepEqual(solarToLunar('2034-01-01'), { day: 11, month: 11, year: 2033, leap: true });
  });

  test('a leap month the year does not have is null', () => {
    assert.equal(lunarToSolar(1, 3, 2026, true), null);
    assert.equal(lunarToSolar(1, 5, 2025, true), null);
    assert.throws(() => lunarMonthLength(3, 2026, true), RangeError);
  });
});

describe('robustness of the port', () => {
  test('days where the mean-lunation estimate of the original algorithm is a month off', () => {
    // The published algorithm returns "day 0" for these dates; they are the 30th of the previous month.
    assert.deepEqual(solarToLunar('2054-05-07'), { day: 30, month: 3, year: 2054, leap: false });
    assert.deepEqual(solarToLunar('2062-04-09'), { day: 30, month: 2, year: 2062, leap: false });
    assert.deepEqual(solarToLunar('1877-04-13'), { day: 30, month: 2, year: 1877, leap: false });
    assert.deepEqual(solarToLunar('1885-03-16'), { day: 30, month: 1, year: 1885, leap: false });
    assert.equal(lunarToSolar(30, 3, 2054), '2054-05-07');
    assert.equal(lunarToSolar(1, 4, 2054), '2054-05-08');
  });

  test('malformed input and the supported range', () => {
    assert.throws(() => lunarToSolar(1, 13, 2026), RangeError);
    assert.throws(() => lunarToSolar(0, 1, 2026), RangeError);
    assert.throws(() => lunarToSolar(31, 1, 2026), RangeError);
    assert.throws(() => lunarToSolar(1.5, 1, 2026), RangeError);
    assert.throws(() => lunarToSolar(1, 1, 1799), RangeError);
    assert.throws(() => lunarToSolar(1, 1, 2200), RangeError);
    assert.throws(() => solarToLunar('1799-12-31'), RangeError);
    assert.throws(() => solarToLunar('2200-01-01'), RangeError);
    assert.throws(() => solarToLunar('2026-02-30'), RangeError);
    assert.deepEqual(solarToLunar('1800-01-01'), { day: 7, month: 12, year: 1799, leap: false });
    assert.equal(solarToLunar('2199-12-31').year, 2199);
  });
});

describe('round trip and continuity, every day 1900-01-31 … 2100-12-31', () => {
  test('lunarToSolar(solarToLunar(d)) === d; days step by 1; months and years wrap correctly', () => {
    let prev = solarToLunar('1900-01-30');
    let date = '1900-01-31';
    let monthsInYear = 0;
    let leapsInYear = 0;
    let days = 0;
    while (date <= '2100-12-31') {
      const l = solarToLunar(date);
      assert.equal(lunarToSolar(l.day, l.month, l.year, l.leap), date, date);
      if (l.day === prev.day + 1) {
        assert.equal(l.month, prev.month, date);
        assert.equal(l.year, prev.year, date);
        assert.equal(l.leap, prev.leap, date);
        assert.ok(l.day <= 30, date);
      } else {
        // New month: the previous one had 29 or 30 days.
        assert.equal(l.day, 1, date);
        assert.ok(prev.day === 29 || prev.day === 30, `${date}: previous month had ${prev.day} days`);
        assert.equal(lunarMonthLength(prev.month, prev.year, prev.leap), prev.day, date);
        if (l.leap) {
          // A leap month repeats the number of the month before it.
          assert.equal(l.month, prev.month, date);
          assert.equal(prev.leap, false, date);
          assert.equal(l.year, prev.year, date);
        } else {
          assert.equal(l.month, (prev.month % 12) + 1, date);
          assert.equal(l.year, prev.month === 12 ? prev.year + 1 : prev.year, date);
        }
        if (l.month === 1 && !l.leap) {
          // Tết falls between 21 January and 20 February.
          assert.ok(date.slice(5) >= '01-21' && date.slice(5) <= '02-20', `Tết on ${date}`);
          if (monthsInYear > 0) {
            assert.ok(monthsInYear === 12 || monthsInYear === 13, `${date}: ${monthsInYear} months`);
            assert.equal(leapsInYear, monthsInYear - 12, date);
          }
          monthsInYear = 0;
          leapsInYear = 0;
        }
        monthsInYear++;
        if (l.leap) leapsInYear++;
      }
      prev = l;
      date = addDays(date, 1);
      days++;
    }
    assert.equal(days, 73_384);
  });

  test('the winter solstice (21–23 December at UTC+7 in 1900–2100) falls in month 11', () => {
    for (let y = 1900; y <= 2100; y++) {
      const start = lunarToSolar(1, 11, y);
      assert.ok(start !== null);
      const end = addDays(start, lunarMonthLength(11, y) - 1);
      assert.ok(start <= `${y}-12-23` && end >= `${y}-12-21`, `${y}: month 11 is ${start}…${end}`);
    }
  });
});

describe('names', () => {
  test('Can-Chi of years, with our own spelling (Bính, not Binh)', () => {
    assert.equal(canChiYear(2026), 'Bính Ngọ');
    assert.equal(canChiYear(2025), 'Ất Tỵ');
    assert.equal(canChiYear(2027), 'Đinh Mùi');
    assert.equal(canChiYear(2024), 'Giáp Thìn');
    assert.equal(canChiYear(2020), 'Canh Tý');
    assert.equal(canChiYear(1985), 'Ất Sửu');
    assert.equal(canChiYear(1984), 'Giáp Tý');
    assert.equal(canChiYear(2030), 'Canh Tuất');
    assert.equal(canChiYear(1968), 'Mậu Thân');
  });

  test('all names are NFC and complete', () => {
    assert.equal(CAN.join(' '), 'Giáp Ất Bính Đinh Mậu Kỷ Canh Tân Nhâm Quý'.normalize('NFC'));
    assert.equal(CHI.join(' '), 'Tý Sửu Dần Mão Thìn Tỵ Ngọ Mùi Thân Dậu Tuất Hợi'.normalize('NFC'));
    for (const s of [...CAN, ...CHI]) assert.equal(s, s.normalize('NFC'));
    for (let y = 1984; y < 2044; y++) {
      const s = canChiYear(y);
      assert.equal(s, s.normalize('NFC'));
    }
    // 60 distinct names in a cycle.
    assert.equal(new Set(Array.from({ length: 60 }, (_, i) => canChiYear(1984 + i))).size, 60);
    assert.equal(canChiYear(1984), canChiYear(2044));
  });

  test('Can-Chi of days and months', () => {
    assert.equal(canChiDay('2000-01-01'), 'Mậu Ngọ');
    assert.equal(canChiDay('2000-01-02'), 'Kỷ Mùi');
    assert.equal(canChiDay('2000-03-01'), canChiDay(addDays('2000-03-01', 60)));
    assert.notEqual(canChiDay('2000-03-01'), canChiDay(addDays('2000-03-01', 30)));
    // Month 1 of a Bính / Tân year is Canh Dần.
    assert.equal(canChiMonth(1, 2026), 'Canh Dần');
    assert.equal(canChiMonth(1, 2025), 'Mậu Dần');
    assert.equal(canChiMonth(12, 2025), 'Kỷ Sửu');
    assert.throws(() => canChiMonth(13, 2025), RangeError);
  });

  test('month names', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => lunarMonthName(i + 1)),
      ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Một', 'Chạp'],
    );
    assert.throws(() => lunarMonthName(0), RangeError);
    assert.throws(() => lunarMonthName(13), RangeError);
    assert.equal(formatLunarVi(solarToLunar('2026-02-17')), 'mùng 1 tháng Giêng năm Bính Ngọ');
    assert.equal(formatLunarVi(solarToLunar('2026-04-26')), 'mùng 10 tháng Ba năm Bính Ngọ');
    assert.equal(formatLunarShortVi(solarToLunar('2026-02-16')), '29/12 Ất Tỵ');
  });
});
