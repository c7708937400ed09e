import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DAY_MS,
  VN_OFFSET_MINUTES,
  addDays,
  daysInMonth,
  diffDays,
  epochDayFromParts,
  formatHm,
  formatInstantVi,
  formatVi,
  fromEpochDay,
  fromLocal,
  isLeapYear,
  isLocalDate,
  localDateOf,
  makeLocalDate,
  parseHm,
  parseLocalDate,
  partsFromEpochDay,
  toEpochDay,
  toIsoVn,
  toLocal,
  weekday,
  weekdayNameVi,
} from './local-date.ts';

describe('LocalDate validation', () => {
  test('accepts real dates only', () => {
    for (const ok of [
      '2026-01-01',
      '2024-02-29',
      '2000-02-29',
      '1900-02-28',
      '2026-12-31',
      '0001-01-01',
      '9999-12-31',
    ]) {
      assert.equal(isLocalDate(ok), true, ok);
    }
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      ' 2026-01-01',
      '2026-01-01T00:00',
      '2026/01/01',
      '0000-01-01',
      '',
      20260101,
      null,
      undefined,
      new Date(0),
    ]) {
      assert.equal(isLocalDate(bad), false, String(bad));
    }
  });

  test('parseLocalDate splits and rejects impossible dates with RangeError', () => {
    assert.deepEqual(parseLocalDate('2026-02-17'), { y: 2026, m: 2, d: 17 });
    assert.throws(() => parseLocalDate('2026-02-30'), RangeError);
    assert.throws(() => parseLocalDate('17/02/2026'), /YYYY-MM-DD/);
  });

  test('makeLocalDate pads and validates', () => {
    assert.equal(makeLocalDate(2026, 2, 3), '2026-02-03');
    assert.equal(makeLocalDate(987, 12, 31), '0987-12-31');
    assert.throws(() => makeLocalDate(2026, 2, 29), RangeError);
    assert.throws(() => makeLocalDate(2026, 1.5, 1), RangeError);
  });

  test('leap years and month lengths', () => {
    assert.equal(isLeapYear(2024), true);
    assert.equal(isLeapYear(2026), false);
    assert.equal(isLeapYear(1900), false);
    assert.equal(isLeapYear(2000), true);
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => daysInMonth(2026, i + 1)),
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    );
    assert.equal(daysInMonth(2028, 2), 29);
  });
});

describe('day arithmetic', () => {
  test('epoch day conversion agrees with the UTC calendar of Date for 0001..9999', () => {
    // Date's UTC fields are an independent oracle (no host time zone involved).
    for (let n = -719162; n <= 2932896; n += 997) {
      const iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
      assert.equal(fromEpochDay(n), iso);
      assert.equal(toEpochDay(fromEpochDay(n)), n);
    }
    assert.equal(toEpochDay('1970-01-01'), 0);
    assert.equal(toEpochDay('2026-02-17'), Date.UTC(2026, 1, 17) / DAY_MS);
    assert.equal(epochDayFromParts(1900, 1, 1), Date.UTC(1900, 0, 1) / DAY_MS);
    assert.deepEqual(partsFromEpochDay(-1), { y: 1969, m: 12, d: 31 });
  });

  test('addDays crosses months, years and leap days; diffDays is its inverse', () => {
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-02-17', 0), '2026-02-17');
    assert.equal(addDays('2026-01-01', 365), '2027-01-01');
    assert.equal(diffDays('2026-01-01', '2027-01-01'), 365);
    assert.equal(diffDays('2027-01-01', '2026-01-01'), -365);
    assert.equal(diffDays('2024-01-01', '2025-01-01'), 366);
    for (const [a, n] of [
      ['1999-12-31', 1],
      ['2026-02-17', -400],
      ['1900-03-01', 73000],
    ] as const) {
      const b = addDays(a, n);
      assert.equal(diffDays(a, b), n);
    }
    assert.throws(() => addDays('2026-01-01', 0.5), RangeError);
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
  });

  test('weekday: 0 = Sunday … 6 = Saturday', () => {
    assert.equal(weekday('1970-01-01'), 4);
    assert.equal(weekday('2000-01-01'), 6);
    assert.equal(weekday('1900-01-01'), 1);
    assert.equal(weekday('2026-02-17'), 2); // Tết Bính Ngọ, a Tuesday
    assert.equal(weekday('2026-11-24'), 2); // Culture Day 2026, a Tuesday
    assert.equal(weekday('2027-02-06'), 6); // Tết Đinh Mùi, a Saturday
    assert.equal(weekday('1969-12-28'), 0);
    assert.equal(weekdayNameVi('2026-01-10'), 'Thứ Bảy');
    assert.equal(weekdayNameVi('2026-01-11'), 'Chủ nhật');
    assert.equal(weekdayNameVi('2026-01-12'), 'Thứ Hai');
  });

  test('formatVi prints dd/MM/yyyy', () => {
    assert.equal(formatVi('2026-02-05'), '05/02/2026');
    assert.equal(formatVi('2026-11-24'), '24/11/2026');
  });
});

describe('instants in Vietnam time (+07:00)', () => {
  test('VN_OFFSET_MINUTES is 420', () => {
    assert.equal(VN_OFFSET_MINUTES, 420);
  });

  test('toLocal reads date, minute and millisecond of day in +07:00', () => {
    assert.deepEqual(toLocal(new Date('2026-11-25T10:00:00Z')), { date: '2026-11-25', minute: 1020, ms: 61_200_000 });
    assert.deepEqual(toLocal(new Date('2026-11-24T17:00:00Z')), { date: '2026-11-25', minute: 0, ms: 0 });
    assert.deepEqual(toLocal(new Date('2026-11-24T16:59:59.999Z')), {
      date: '2026-11-24',
      minute: 1439,
      ms: 86_399_999,
    });
    assert.deepEqual(toLocal(new Date('2026-01-01T00:30:30.500+07:00')), {
      date: '2026-01-01',
      minute: 30,
      ms: 1_830_500,
    });
    // Before 1970 (negative epoch).
    assert.deepEqual(toLocal(new Date('1965-02-01T00:00:00+07:00')), { date: '1965-02-01', minute: 0, ms: 0 });
    assert.equal(localDateOf(new Date('2025-12-31T17:00:00Z')), '2026-01-01');
    assert.throws(() => toLocal(new Date('nope')), RangeError);
  });

  test('fromLocal builds the instant of a Vietnam wall-clock time', () => {
    assert.equal(fromLocal('2026-11-25', 450).toISOString(), '2026-11-25T00:30:00.000Z');
    assert.equal(fromLocal('2026-11-25', 0).toISOString(), '2026-11-24T17:00:00.000Z');
    assert.equal(fromLocal('2026-11-25', 1440).toISOString(), '2026-11-25T17:00:00.000Z');
    assert.equal(fromLocal('2026-11-25', 450.5).toISOString(), '2026-11-25T00:30:30.000Z');
    assert.throws(() => fromLocal('2026-11-25', -1), RangeError);
    assert.throws(() => fromLocal('2026-11-25', 1441), RangeError);
    assert.throws(() => fromLocal('2026-11-25', Number.NaN), RangeError);
    assert.throws(() => fromLocal('2026-02-30', 0), RangeError);
  });

  test('toLocal and fromLocal round-trip', () => {
    for (let t = Date.UTC(2025, 11, 31, 12); t < Date.UTC(2026, 0, 2, 12); t += 7 * 60_000 + 13_001) {
      const { date, ms } = toLocal(new Date(t));
      assert.equal(fromLocal(date, ms / 60_000).getTime(), t);
    }
  });

  test('formatInstantVi prints HH:mm dd/MM/yyyy in +07:00', () => {
    assert.equal(formatInstantVi(new Date('2026-02-25T10:00:00Z')), '17:00 25/02/2026');
    assert.equal(formatInstantVi(new Date('2026-02-24T17:05:59Z')), '00:05 25/02/2026');
    assert.equal(formatHm(450), '07:30');
    assert.equal(formatHm(1439.9), '23:59');
  });

  test('toIsoVn: +07:00 offset, seconds always, milliseconds only when non-zero', () => {
    assert.equal(toIsoVn(new Date('2026-11-25T10:00:00Z')), '2026-11-25T17:00:00+07:00');
    assert.equal(toIsoVn(new Date('2026-11-24T17:00:00Z')), '2026-11-25T00:00:00+07:00');
    assert.equal(toIsoVn(new Date('2026-11-25T10:00:07.250Z')), '2026-11-25T17:00:07.250+07:00');
    assert.equal(toIsoVn(new Date('2026-11-25T10:00:07.005Z')), '2026-11-25T17:00:07.005+07:00');
    assert.equal(toIsoVn(new Date('1968-01-28T17:00:00Z')), '1968-01-29T00:00:00+07:00');
    // Parsing the output gives back the same instant.
    const t = new Date('2026-08-31T23:59:59.999Z');
    assert.equal(new Date(toIsoVn(t)).getTime(), t.getTime());
  });

  test('parseHm', () => {
    assert.equal(parseHm('07:30'), 450);
    assert.equal(parseHm('00:00'), 0);
    assert.equal(parseHm('23:59'), 1439);
    assert.equal(parseHm('24:00'), 1440);
    assert.equal(parseHm('15:00'), 900);
    for (const bad of ['7:30', '24:01', '12:60', '', '07:30:00', '07h30', ' 07:30', '-1:00']) {
      assert.throws(() => parseHm(bad), RangeError, bad);
    }
  });
});
