import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR_MS, addDays, toIsoVn, toLocal } from './local-date.ts';
import { DEFAULT_CUTOFF, DEFAULT_SESSIONS, createWorkCalendar, type CalendarConfig } from './calendar.ts';
import { SHIPPED_NOTICES } from './official-notices.ts';
import { DeadlineInputError, addWorkingMs, computeDeadline, workingMsBetween, type DeadlineInput } from './deadline.ts';

// Every test states its calendar: default sessions 07:30–11:30 / 13:30–17:00 (7.5 h a day),
// cut-off 15:00, Saturday and Sunday off, the shipped 2026 notices, Culture Day as given.
function makeCal(over: Partial<CalendarConfig> = {}) {
  return createWorkCalendar({
    sessions: DEFAULT_SESSIONS,
    cutoff: DEFAULT_CUTOFF,
    notices: SHIPPED_NOTICES,
    cultureDay: { enabled: false, from: '2026-07-01', confirmed: false },
    ...over,
  });
}
const cal = makeCal();

/** An instant given in Vietnam wall-clock time. */
const vn = (s: string) => new Date(`${s}+07:00`);

function due(input: DeadlineInput, c = cal): string {
  return toIsoVn(computeDeadline(c, input).dueAt);
}

// October 2026: Mon 05, Tue 06, Wed 07, Thu 08, Fri 09, Sat 10, Sun 11, Mon 12, Tue 13.

describe('working_days', () => {
  test('received Wed 10:00 + 1 working day → Thu 17:00', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T10:00:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-08T17:00:00+07:00');
    assert.equal(toIsoVn(r.effectiveStart), '2026-10-07T10:00:00+07:00');
    assert.equal(r.pausedMs, 0);
    assert.match(r.rule, /1 working day after 07\/10\/2026 \(that day not counted\)/);
    assert.match(r.rule, /08\/10\/2026/);
  });

  test('received Fri 17:30 + 1 working day → Tue 17:00 (counted from Mon 07:30, Monday not counted)', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-09T17:30:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-10-12T07:30:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-10-13T17:00:00+07:00');
    assert.match(r.rule, /outside office hours/);
  });

  test('received on Saturday → counts from Monday', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-10T09:00:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-10-12T07:30:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-10-13T17:00:00+07:00');
    assert.equal(
      due({ receivedAt: vn('2026-10-11T20:00:00'), amount: 3, unit: 'working_days' }),
      '2026-10-15T17:00:00+07:00',
    );
  });

  test('received in the lunch break counts from 13:30 the same day', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T12:00:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-10-07T13:30:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-10-08T17:00:00+07:00');
  });

  test('received before opening counts from 07:30 the same day (that day not counted)', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T06:45:00'), amount: 2, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-10-07T07:30:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-10-09T17:00:00+07:00');
  });

  test('boundaries: exactly 17:00 counts from the next morning; 16:59 counts today', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T17:00:00'), amount: 1, unit: 'working_days' }),
      '2026-10-09T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T16:59:59'), amount: 1, unit: 'working_days' }),
      '2026-10-08T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T11:30:00'), amount: 1, unit: 'working_days' }),
      '2026-10-08T17:00:00+07:00',
    );
  });

  test('0 working days = end of the effective day', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 0, unit: 'working_days' }),
      '2026-10-07T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-09T18:00:00'), amount: 0, unit: 'working_days' }),
      '2026-10-12T17:00:00+07:00',
    );
  });

  test('spanning Tết 2026: received Fri 13/02/2026 10:00 + 3 working days → Wed 25/02/2026 17:00', () => {
    assert.equal(
      due({ receivedAt: vn('2026-02-13T10:00:00'), amount: 3, unit: 'working_days' }),
      '2026-02-25T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-02-12T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-02-13T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-02-12T10:00:00'), amount: 2, unit: 'working_days' }),
      '2026-02-23T17:00:00+07:00',
    );
    // Received during Tết: counted from Monday 23/02 07:30.
    const r = computeDeadline(cal, { receivedAt: vn('2026-02-18T09:00:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-02-23T07:30:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-02-24T17:00:00+07:00');
  });

  test('the make-up Saturday 10/01/2026 counts as a working day', () => {
    assert.equal(
      due({ receivedAt: vn('2026-01-09T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-01-10T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-01-09T10:00:00'), amount: 2, unit: 'working_days' }),
      '2026-01-12T17:00:00+07:00',
    );
    // Received on the make-up Saturday itself, during a session: counting starts at once.
    const r = computeDeadline(cal, { receivedAt: vn('2026-01-10T09:00:00'), amount: 1, unit: 'working_days' });
    assert.equal(toIsoVn(r.effectiveStart), '2026-01-10T09:00:00+07:00');
    assert.equal(toIsoVn(r.dueAt), '2026-01-12T17:00:00+07:00');
  });

  test('New Year 2026 and National Day 2026 windows', () => {
    assert.equal(
      due({ receivedAt: vn('2025-12-31T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-01-05T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-08-28T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-09-03T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-08-21T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-08-22T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-04-29T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-05-04T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-04-24T10:00:00'), amount: 1, unit: 'working_days' }),
      '2026-04-28T17:00:00+07:00',
    );
  });

  test('Culture Day setting changes the due date around 24/11/2026', () => {
    const input: DeadlineInput = { receivedAt: vn('2026-11-23T10:00:00'), amount: 1, unit: 'working_days' };
    assert.equal(
      due(input, makeCal({ cultureDay: { enabled: false, from: '2026-07-01', confirmed: false } })),
      '2026-11-24T17:00:00+07:00',
    );
    assert.equal(
      due(input, makeCal({ cultureDay: { enabled: true, from: '2026-07-01', confirmed: false } })),
      '2026-11-25T17:00:00+07:00',
    );
  });

  test('computed-only 2027: Tết Đinh Mùi and the 03/05 compensation day are skipped', () => {
    assert.equal(
      due({ receivedAt: vn('2027-02-04T10:00:00'), amount: 1, unit: 'working_days' }),
      '2027-02-12T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2027-04-29T10:00:00'), amount: 1, unit: 'working_days' }),
      '2027-05-04T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2027-04-15T10:00:00'), amount: 1, unit: 'working_days' }),
      '2027-04-19T17:00:00+07:00',
    );
  });

  test('long periods: 15 and 30 working days', () => {
    // 15 working days from Mon 05/10/2026: 06..09 (4), 12..16 (5), 19..23 (5), 26 (1).
    assert.equal(
      due({ receivedAt: vn('2026-10-05T09:00:00'), amount: 15, unit: 'working_days' }),
      '2026-10-26T17:00:00+07:00',
    );
    // 30 working days from Thu 15/01/2026 cross Tết: 16/01 … 13/02 are 21 days, 23/02 … 05/03 nine more.
    assert.equal(
      due({ receivedAt: vn('2026-01-15T09:00:00'), amount: 30, unit: 'working_days' }),
      '2026-03-05T17:00:00+07:00',
    );
  });
});

describe('working_hours', () => {
  test('8 working hours from Wed 10:00 → Thu 10:30 (7.5 h days)', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T10:00:00'), amount: 8, unit: 'working_hours' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-08T10:30:00+07:00');
    assert.match(r.rule, /8 working hours counted inside office sessions from 10:00 07\/10\/2026/);
  });

  test('ending exactly at a session end is due at that session end', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T07:30:00'), amount: 4, unit: 'working_hours' }),
      '2026-10-07T11:30:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 1.5, unit: 'working_hours' }),
      '2026-10-07T11:30:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T11:00:00'), amount: 0.5, unit: 'working_hours' }),
      '2026-10-07T11:30:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 5, unit: 'working_hours' }),
      '2026-10-07T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T07:30:00'), amount: 7.5, unit: 'working_hours' }),
      '2026-10-07T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-09T13:30:00'), amount: 3.5, unit: 'working_hours' }),
      '2026-10-09T17:00:00+07:00',
    );
  });

  test('just past a session end moves into the next session', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 1.75, unit: 'working_hours' }),
      '2026-10-07T13:45:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-09T16:00:00'), amount: 2, unit: 'working_hours' }),
      '2026-10-12T08:30:00+07:00',
    );
  });

  test('from outside sessions: lunch break, evening, weekend, Tết', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T12:00:00'), amount: 2, unit: 'working_hours' }),
      '2026-10-07T15:30:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T19:00:00'), amount: 1, unit: 'working_hours' }),
      '2026-10-08T08:30:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-10T09:00:00'), amount: 4, unit: 'working_hours' }),
      '2026-10-12T11:30:00+07:00',
    );
    // 2 h on Friday 13/02, then Tết; 4 h + 2 h on Monday 23/02.
    assert.equal(
      due({ receivedAt: vn('2026-02-13T15:00:00'), amount: 8, unit: 'working_hours' }),
      '2026-02-23T15:30:00+07:00',
    );
  });

  test('fractional hours, zero hours', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 0.25, unit: 'working_hours' }),
      '2026-10-07T10:15:00+07:00',
    );
    const zero = computeDeadline(cal, { receivedAt: vn('2026-10-07T12:00:00'), amount: 0, unit: 'working_hours' });
    assert.equal(toIsoVn(zero.dueAt), '2026-10-07T13:30:00+07:00');
    // 0.1 h is 6 minutes exactly (no floating-point drift).
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 0.1, unit: 'working_hours' }),
      '2026-10-07T10:06:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 0.3, unit: 'working_hours' }),
      '2026-10-07T10:18:00+07:00',
    );
  });

  test('the make-up Saturday has sessions', () => {
    assert.equal(
      due({ receivedAt: vn('2026-01-09T16:00:00'), amount: 2, unit: 'working_hours' }),
      '2026-01-10T08:30:00+07:00',
    );
  });
});

describe('calendar_days', () => {
  test('landing on a working day: end of business that day', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 1, unit: 'calendar_days' }),
      '2026-10-08T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 7, unit: 'calendar_days' }),
      '2026-10-14T17:00:00+07:00',
    );
  });

  test('landing on Sunday moves to Monday 17:00', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T10:00:00'), amount: 4, unit: 'calendar_days' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-12T17:00:00+07:00');
    assert.match(r.rule, /= 11\/10\/2026, not a working day, so moved to 12\/10\/2026/);
  });

  test('counted from the receipt date, even outside office hours', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-10T09:00:00'), amount: 2, unit: 'calendar_days' }),
      '2026-10-12T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T22:00:00'), amount: 1, unit: 'calendar_days' }),
      '2026-10-08T17:00:00+07:00',
    );
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 0, unit: 'calendar_days' }),
      '2026-10-07T17:00:00+07:00',
    );
  });

  test('landing inside Tết 2026 moves to Monday 23/02', () => {
    assert.equal(
      due({ receivedAt: vn('2026-02-10T10:00:00'), amount: 5, unit: 'calendar_days' }),
      '2026-02-23T17:00:00+07:00',
    );
    // Landing on the make-up Saturday stays there.
    assert.equal(
      due({ receivedAt: vn('2026-01-05T10:00:00'), amount: 5, unit: 'calendar_days' }),
      '2026-01-10T17:00:00+07:00',
    );
  });

  test('30 calendar days', () => {
    assert.equal(
      due({ receivedAt: vn('2026-10-07T10:00:00'), amount: 30, unit: 'calendar_days' }),
      '2026-11-06T17:00:00+07:00',
    );
  });
});

describe('same_day (15:00 cut-off)', () => {
  test('before the cut-off on a working day → 17:00 the same day', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T14:59:59'), unit: 'same_day' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-07T17:00:00+07:00');
    assert.match(r.rule, /before the 15:00 cut-off/);
    assert.equal(
      due({ receivedAt: vn('2026-10-07T08:00:00'), amount: 1, unit: 'same_day' }),
      '2026-10-07T17:00:00+07:00',
    );
    assert.equal(due({ receivedAt: vn('2026-10-07T06:00:00'), unit: 'same_day' }), '2026-10-07T17:00:00+07:00');
    assert.equal(due({ receivedAt: vn('2026-10-07T12:30:00'), unit: 'same_day' }), '2026-10-07T17:00:00+07:00');
  });

  test('at or after the cut-off → 17:00 the next working day', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-07T15:00:00'), unit: 'same_day' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-08T17:00:00+07:00');
    assert.match(r.rule, /at or after the 15:00 cut-off/);
    assert.equal(due({ receivedAt: vn('2026-10-07T16:30:00'), unit: 'same_day' }), '2026-10-08T17:00:00+07:00');
    assert.equal(due({ receivedAt: vn('2026-10-09T15:30:00'), unit: 'same_day' }), '2026-10-12T17:00:00+07:00');
    assert.equal(due({ receivedAt: vn('2026-10-09T17:30:00'), unit: 'same_day' }), '2026-10-12T17:00:00+07:00');
  });

  test('on a Saturday or a holiday → the next working day', () => {
    const r = computeDeadline(cal, { receivedAt: vn('2026-10-10T09:00:00'), unit: 'same_day' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-12T17:00:00+07:00');
    assert.match(r.rule, /non-working day/);
    assert.equal(due({ receivedAt: vn('2026-02-17T09:00:00'), unit: 'same_day' }), '2026-02-23T17:00:00+07:00');
    // The make-up Saturday is a working day.
    assert.equal(due({ receivedAt: vn('2026-01-10T10:00:00'), unit: 'same_day' }), '2026-01-10T17:00:00+07:00');
  });

  test('a cut-off later than closing time: after closing still goes to the next day', () => {
    const late = makeCal({ cutoff: '18:00' });
    assert.equal(due({ receivedAt: vn('2026-10-07T16:59:00'), unit: 'same_day' }, late), '2026-10-07T17:00:00+07:00');
    const r = computeDeadline(late, { receivedAt: vn('2026-10-07T17:30:00'), unit: 'same_day' });
    assert.equal(toIsoVn(r.dueAt), '2026-10-08T17:00:00+07:00');
    assert.match(r.rule, /after closing time/);
  });

  test('amount must be 1 or omitted', () => {
    assert.throws(
      () => computeDeadline(cal, { receivedAt: vn('2026-10-07T10:00:00'), amount: 2, unit: 'same_day' }),
      (e: unknown) => e instanceof DeadlineInputError && e.field === 'amount',
    );
  });
});

describe('pauses (supplement requests stop the clock)', () => {
  const receivedAt = vn('2026-10-07T10:00:00'); // + 2 working days → Fri 09/10 17:00

  test('a pause of one full working day extends by one working day', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [{ from: vn('2026-10-08T07:30:00'), to: vn('2026-10-08T17:00:00') }],
    });
    assert.equal(r.pausedMs, 7.5 * HOUR_MS);
    assert.equal(toIsoVn(r.dueAt), '2026-10-12T17:00:00+07:00');
    assert.match(r.rule, /Clock stopped for 7\.5 working hours \(1 pause\)/);
  });

  test('a pause over a night and a weekend counts only working time', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [{ from: vn('2026-10-08T17:00:00'), to: vn('2026-10-09T07:30:00') }],
    });
    assert.equal(r.pausedMs, 0);
    assert.equal(toIsoVn(r.dueAt), '2026-10-09T17:00:00+07:00');
  });

  test('a pause starting after (or exactly at) the due instant is ignored', () => {
    for (const from of ['2026-10-12T08:00:00', '2026-10-09T17:00:00']) {
      const r = computeDeadline(cal, {
        receivedAt,
        amount: 2,
        unit: 'working_days',
        pauses: [{ from: vn(from), to: vn('2026-10-13T10:00:00') }],
      });
      assert.equal(r.pausedMs, 0, from);
      assert.equal(toIsoVn(r.dueAt), '2026-10-09T17:00:00+07:00', from);
    }
  });

  test('overlapping pauses are merged (3 h, not 4 h)', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [
        { from: vn('2026-10-08T09:00:00'), to: vn('2026-10-08T11:00:00') },
        { from: vn('2026-10-08T08:00:00'), to: vn('2026-10-08T10:00:00') },
      ],
    });
    assert.equal(r.pausedMs, 3 * HOUR_MS);
    assert.equal(toIsoVn(r.dueAt), '2026-10-12T10:30:00+07:00');
  });

  test('a pause that starts before the extended due instant counts too (iterated until stable)', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [
        { from: vn('2026-10-08T07:30:00'), to: vn('2026-10-08T17:00:00') }, // → due Mon 12/10 17:00
        { from: vn('2026-10-12T08:00:00'), to: vn('2026-10-12T09:00:00') }, // after the base due, before the new one
        { from: vn('2026-10-20T08:00:00'), to: vn('2026-10-20T09:00:00') }, // after everything
      ],
    });
    assert.equal(r.pausedMs, 8.5 * HOUR_MS);
    assert.equal(toIsoVn(r.dueAt), '2026-10-13T08:30:00+07:00');
    assert.match(r.rule, /\(2 pauses\)/);
  });

  test('a pause spanning the due instant counts in full', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [{ from: vn('2026-10-09T16:00:00'), to: vn('2026-10-12T09:30:00') }],
    });
    assert.equal(r.pausedMs, 3 * HOUR_MS); // 1 h Friday + 2 h Monday
    assert.equal(toIsoVn(r.dueAt), '2026-10-12T10:30:00+07:00');
  });

  test('pauses are clipped to the effective start', () => {
    const r = computeDeadline(cal, {
      receivedAt: vn('2026-10-09T17:30:00'), // effective Mon 12/10 07:30; base due Tue 13/10 17:00
      amount: 1,
      unit: 'working_days',
      pauses: [
        { from: vn('2026-10-09T18:00:00'), to: vn('2026-10-12T08:30:00') },
        { from: vn('2026-10-01T08:00:00'), to: vn('2026-10-02T08:00:00') }, // entirely before: dropped
      ],
    });
    assert.equal(r.pausedMs, 1 * HOUR_MS);
    assert.equal(toIsoVn(r.dueAt), '2026-10-14T08:30:00+07:00');
  });

  test('zero-length pauses are ignored', () => {
    const r = computeDeadline(cal, {
      receivedAt,
      amount: 2,
      unit: 'working_days',
      pauses: [{ from: vn('2026-10-08T09:00:00'), to: vn('2026-10-08T09:00:00') }],
    });
    assert.equal(r.pausedMs, 0);
    assert.equal(toIsoVn(r.dueAt), '2026-10-09T17:00:00+07:00');
  });

  test('a pause across Tết 2026 counts only the working hours before and after', () => {
    const r = computeDeadline(cal, {
      receivedAt: vn('2026-02-12T10:00:00'),
      amount: 3,
      unit: 'working_days', // base: 13/02, 23/02, 24/02 → Tue 24/02 17:00
      pauses: [{ from: vn('2026-02-13T16:00:00'), to: vn('2026-02-23T08:30:00') }],
    });
    assert.equal(r.pausedMs, 2 * HOUR_MS);
    assert.equal(toIsoVn(r.dueAt), '2026-02-25T09:30:00+07:00');
  });

  test('working_hours and same_day are extended by working time', () => {
    assert.equal(
      due({
        receivedAt: vn('2026-10-07T07:30:00'),
        amount: 4,
        unit: 'working_hours',
        pauses: [{ from: vn('2026-10-07T08:00:00'), to: vn('2026-10-07T09:00:00') }],
      }),
      '2026-10-07T14:30:00+07:00',
    );
    assert.equal(
      due({
        receivedAt,
        unit: 'same_day',
        pauses: [{ from: vn('2026-10-07T11:00:00'), to: vn('2026-10-07T14:00:00') }], // 0.5 h + 0.5 h
      }),
      '2026-10-08T08:30:00+07:00',
    );
  });

  test('calendar_days are extended by wall-clock time, then moved to the end of a working day', () => {
    const base: DeadlineInput = { receivedAt, amount: 1, unit: 'calendar_days' }; // Thu 08/10 17:00
    const two = computeDeadline(cal, {
      ...base,
      pauses: [{ from: vn('2026-10-08T09:00:00'), to: vn('2026-10-08T11:00:00') }],
    });
    assert.equal(two.pausedMs, 2 * HOUR_MS);
    assert.equal(toIsoVn(two.dueAt), '2026-10-09T17:00:00+07:00'); // Thu 19:00 → end of Friday
    assert.match(two.rule, /Clock stopped for 2 hours/);
    const day = computeDeadline(cal, {
      ...base,
      pauses: [{ from: vn('2026-10-08T09:00:00'), to: vn('2026-10-09T09:00:00') }],
    });
    assert.equal(toIsoVn(day.dueAt), '2026-10-09T17:00:00+07:00'); // exactly one day later
    const twoDays = computeDeadline(cal, {
      ...base,
      pauses: [{ from: vn('2026-10-08T09:00:00'), to: vn('2026-10-10T09:00:00') }],
    });
    assert.equal(toIsoVn(twoDays.dueAt), '2026-10-12T17:00:00+07:00'); // Saturday → Monday
    const late = computeDeadline(cal, {
      ...base,
      pauses: [{ from: vn('2026-10-08T17:00:00'), to: vn('2026-10-09T10:00:00') }],
    });
    assert.equal(late.pausedMs, 0); // starts at the due instant
    assert.equal(toIsoVn(late.dueAt), '2026-10-08T17:00:00+07:00');
  });

  test('a pause ending before it starts is a RangeError (DeadlineInputError)', () => {
    assert.throws(
      () =>
        computeDeadline(cal, {
          receivedAt,
          amount: 2,
          unit: 'working_days',
          pauses: [{ from: vn('2026-10-08T10:00:00'), to: vn('2026-10-08T09:00:00') }],
        }),
      (e: unknown) => e instanceof RangeError && e instanceof DeadlineInputError && e.field === 'pauses[0]',
    );
  });
});

describe('input validation (DeadlineInputError → HTTP 400)', () => {
  const ok: DeadlineInput = { receivedAt: vn('2026-10-07T10:00:00'), amount: 1, unit: 'working_days' };
  const cases: [string, unknown, string][] = [
    ['negative amount', { ...ok, amount: -1 }, 'amount'],
    ['NaN amount', { ...ok, amount: Number.NaN }, 'amount'],
    ['infinite amount', { ...ok, amount: Number.POSITIVE_INFINITY }, 'amount'],
    ['missing amount', { receivedAt: ok.receivedAt, unit: 'working_days' }, 'amount'],
    ['string amount', { ...ok, amount: '3' }, 'amount'],
    ['fractional days', { ...ok, amount: 1.5 }, 'amount'],
    ['fractional calendar days', { ...ok, unit: 'calendar_days', amount: 0.5 }, 'amount'],
    ['too many days', { ...ok, amount: 3651 }, 'amount'],
    ['too many calendar days', { ...ok, unit: 'calendar_days', amount: 3651 }, 'amount'],
    ['too many hours', { ...ok, unit: 'working_hours', amount: 10_000.5 }, 'amount'],
    ['unknown unit', { ...ok, unit: 'weeks' }, 'unit'],
    ['invalid receivedAt', { ...ok, receivedAt: new Date('x') }, 'receivedAt'],
    ['string receivedAt', { ...ok, receivedAt: '2026-10-07T10:00:00+07:00' }, 'receivedAt'],
    ['pauses not an array', { ...ok, pauses: {} }, 'pauses'],
    ['pause not an object', { ...ok, pauses: [null] }, 'pauses[0]'],
    ['pause with bad date', { ...ok, pauses: [{ from: new Date('x'), to: new Date() }] }, 'pauses[0].from'],
  ];
  for (const [name, input, field] of cases) {
    test(`rejects: ${name}`, () => {
      assert.throws(
        () => computeDeadline(cal, input as DeadlineInput),
        (e: unknown) => e instanceof DeadlineInputError && e.field === field && e.name === 'DeadlineInputError',
      );
    });
  }

  test('accepts the maxima', () => {
    const days = computeDeadline(cal, { ...ok, amount: 3650 });
    assert.ok(days.dueAt.getTime() > vn('2040-01-01T00:00:00').getTime());
    const hours = computeDeadline(cal, { ...ok, unit: 'working_hours', amount: 10_000 });
    assert.ok(hours.dueAt.getTime() > vn('2031-01-01T00:00:00').getTime());
    assert.equal(computeDeadline(cal, { ...ok, unit: 'calendar_days', amount: 3650 }).dueAt.getTime() > 0, true);
  });
});

describe('workingMsBetween and addWorkingMs', () => {
  test('working time between two instants', () => {
    assert.equal(workingMsBetween(cal, vn('2026-10-07T10:00:00'), vn('2026-10-08T10:30:00')), 8 * HOUR_MS);
    assert.equal(workingMsBetween(cal, vn('2026-10-08T10:30:00'), vn('2026-10-07T10:00:00')), -8 * HOUR_MS);
    assert.equal(workingMsBetween(cal, vn('2026-10-05T00:00:00'), vn('2026-10-12T00:00:00')), 5 * 7.5 * HOUR_MS);
    assert.equal(workingMsBetween(cal, vn('2026-02-13T17:00:00'), vn('2026-02-23T07:30:00')), 0);
    assert.equal(workingMsBetween(cal, vn('2026-10-07T11:00:00'), vn('2026-10-07T14:00:00')), 1 * HOUR_MS);
    assert.equal(workingMsBetween(cal, vn('2026-10-07T10:00:00'), vn('2026-10-07T10:00:00')), 0);
    // The make-up Saturday has 7.5 h, an ordinary Saturday none.
    assert.equal(workingMsBetween(cal, vn('2026-01-10T00:00:00'), vn('2026-01-11T00:00:00')), 7.5 * HOUR_MS);
    assert.equal(workingMsBetween(cal, vn('2026-01-17T00:00:00'), vn('2026-01-18T00:00:00')), 0);
  });

  test('addWorkingMs', () => {
    const at = (t: string, h: number) => toIsoVn(addWorkingMs(cal, vn(t), h * HOUR_MS));
    assert.equal(at('2026-10-07T10:00:00', 8), '2026-10-08T10:30:00+07:00');
    assert.equal(at('2026-10-07T10:00:00', 1.5), '2026-10-07T11:30:00+07:00');
    assert.equal(at('2026-10-07T12:00:00', 0.5), '2026-10-07T14:00:00+07:00');
    assert.equal(at('2026-10-09T17:00:00', 7.5), '2026-10-12T17:00:00+07:00');
    assert.equal(at('2026-10-07T12:00:00', 0), '2026-10-07T12:00:00+07:00');
    assert.throws(() => addWorkingMs(cal, vn('2026-10-07T10:00:00'), -1), RangeError);
    assert.throws(() => addWorkingMs(cal, new Date(Number.NaN), 1), RangeError);
  });
});

describe('properties over many receipt instants (2026–2027)', () => {
  // Deterministic pseudo-random receipt instants every ~7 h 13 min across two years.
  const instants: Date[] = [];
  for (let t = vn('2026-01-01T00:00:00').getTime(); t < vn('2027-12-31T00:00:00').getTime(); t += 26_017_000) {
    instants.push(new Date(t));
  }

  test('working_hours: exactly N working hours between the effective start and the due instant', () => {
    for (const receivedAt of instants) {
      for (const n of [0.5, 1, 4, 7.5, 8, 16]) {
        const r = computeDeadline(cal, { receivedAt, amount: n, unit: 'working_hours' });
        assert.equal(workingMsBetween(cal, r.effectiveStart, r.dueAt), n * HOUR_MS);
        assert.equal(workingMsBetween(cal, receivedAt, r.dueAt), n * HOUR_MS);
        // Due inside a session or exactly at its end.
        const justBefore = new Date(r.dueAt.getTime() - 1);
        assert.ok(cal.isWithinSession(justBefore), toIsoVn(r.dueAt));
      }
    }
  });

  test('working_days: due at 17:00 on a working day with N−1 working days in between', () => {
    for (const receivedAt of instants) {
      for (const n of [1, 2, 5]) {
        const r = computeDeadline(cal, { receivedAt, amount: n, unit: 'working_days' });
        const dueLocal = toLocal(r.dueAt);
        const effDay = toLocal(r.effectiveStart).date;
        assert.equal(dueLocal.minute, 17 * 60);
        assert.ok(cal.isWorkingDay(dueLocal.date));
        assert.ok(cal.isWithinSession(r.effectiveStart));
        let between = 0;
        for (let d = addDays(effDay, 1); d < dueLocal.date; d = addDays(d, 1)) if (cal.isWorkingDay(d)) between++;
        assert.equal(between, n - 1, `${toIsoVn(receivedAt)} + ${n}`);
      }
    }
  });

  test('same_day and calendar_days: always 17:00 on a working day, never before receipt', () => {
    for (const receivedAt of instants) {
      for (const input of [
        { receivedAt, unit: 'same_day' as const },
        { receivedAt, amount: 3, unit: 'calendar_days' as const },
      ]) {
        const r = computeDeadline(cal, input);
        const l = toLocal(r.dueAt);
        assert.equal(l.minute, 17 * 60);
        assert.ok(cal.isWorkingDay(l.date));
        assert.ok(r.dueAt.getTime() > receivedAt.getTime());
      }
    }
  });
});
