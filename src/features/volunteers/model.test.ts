import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/http/errors.ts';
import { addDays, weekday } from '../../core/calendar/index.ts';
import { mondayOf, monthRange, orgLabel, parseAssist, parseShift, parseVolunteer } from './model.ts';

const SESSIONS = [
  { start: '13:30', end: '17:00' },
  { start: '07:30', end: '11:30' },
];
const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'VALIDATION_FAILED', String(e));
    return e.details.map((d) => d.field);
  }
  assert.fail('expected a validation error');
};

test('an assistance entry: kind from the closed list, 1 to 100 people (1 by default), a well-formed dossier code', () => {
  assert.deepEqual(parseAssist({ kind: 'vneid' }), {
    volunteerId: null,
    kind: 'vneid',
    people: 1,
    dossierCode: null,
    note: null,
  });
  assert.equal(parseAssist({ kind: 'guide', count: '12' }).people, 12);
  assert.equal(
    parseAssist({ kind: 'guide', dossierCode: ' H26.99.01-261125-0001 ' }).dossierCode,
    'H26.99.01-261125-0001',
  );
  assert.deepEqual(
    fieldsOf(() => parseAssist({ kind: 'sing', count: 0 })),
    ['kind', 'count'],
  );
  assert.deepEqual(
    fieldsOf(() => parseAssist({ kind: 'guide', count: 101 })),
    ['count'],
  );
  assert.deepEqual(
    fieldsOf(() => parseAssist({ kind: 'guide', count: 1.5 })),
    ['count'],
  );
  assert.deepEqual(
    fieldsOf(() => parseAssist({ kind: 'guide', dossierCode: "x'; drop" })),
    ['dossierCode'],
  );
  assert.deepEqual(
    fieldsOf(() => parseAssist({ kind: 'guide', volunteerId: 'abc' })),
    ['volunteerId'],
  );
});

test('a shift takes the centre’s morning and afternoon sessions, or set hours that run forwards', () => {
  assert.deepEqual(parseShift({ volunteerId: 3, date: '2026-11-24', session: 'morning' }, SESSIONS), {
    volunteerId: 3,
    date: '2026-11-24',
    session: 'morning',
    start: '07:30',
    end: '11:30',
    note: null,
  });
  assert.equal(parseShift({ volunteerId: 3, date: '2026-11-24', session: 'afternoon' }, SESSIONS).start, '13:30');
  assert.deepEqual(
    fieldsOf(() =>
      parseShift({ volunteerId: 3, date: '2026-11-24', session: 'custom', start: '10:00', end: '09:00' }, SESSIONS),
    ),
    ['end'],
  );
  assert.deepEqual(
    fieldsOf(() =>
      parseShift({ volunteerId: 3, date: '2026-11-24', session: 'custom', start: '25:00', end: '26:00' }, SESSIONS),
    ),
    ['start', 'end'],
  );
  assert.deepEqual(
    fieldsOf(() => parseShift({ volunteerId: 0, date: '2026-02-29', session: 'night' }, SESSIONS)),
    ['volunteerId', 'date', 'session'],
  );
});

test('a volunteer record: another organisation needs its name; names are NFC', () => {
  const v = parseVolunteer({ fullName: 'Nguye\u0302\u0303n Thu Trang', organisation: 'youth_union' });
  assert.equal(v.fullName, 'Nguyễn Thu Trang');
  assert.equal(v.active, true);
  assert.deepEqual(
    fieldsOf(() => parseVolunteer({ fullName: '', organisation: 'other', phone: '12' })),
    ['fullName', 'organisationName', 'phone'],
  );
  assert.equal(orgLabel('women_union', 'Chi hội thôn Đông Giao', 'vi'), 'Hội Phụ nữ – Chi hội thôn Đông Giao');
  assert.equal(orgLabel('other', 'Đoàn trường THPT', 'en'), 'Đoàn trường THPT');
});

test('months and weeks', () => {
  assert.deepEqual(monthRange('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
  assert.deepEqual(monthRange('2026-11'), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(
    fieldsOf(() => monthRange('2026-13')),
    ['month'],
  );
  assert.equal(mondayOf('2026-11-25', weekday, addDays), '2026-11-23');
  assert.equal(mondayOf('2026-11-29', weekday, addDays), '2026-11-23', 'Sunday closes the week');
  assert.equal(mondayOf('2026-11-23', weekday, addDays), '2026-11-23');
});

test('page rules: whom the today page acts for, people helped, days-off warning, month and week queries', async () => {
  const { actingFor, helpedCount, hasOffDayShift, isKind, monthOrDefault, weekQuery } = await import('./model.ts');
  const staff = { forOthers: true, self: { id: 1 } };
  assert.equal(actingFor(staff, { id: 2 }), 2, 'a desk officer acting for a volunteer');
  assert.equal(actingFor(staff, { id: 1 }), null, 'their own record');
  assert.equal(actingFor({ forOthers: false, self: { id: 1 } }, { id: 1 }), null, 'a volunteer: always themselves');
  assert.equal(actingFor({ forOthers: true, self: null }, null), null);
  assert.equal(helpedCount([{ count: 2 }, { count: 3 }]), 5);
  assert.equal(helpedCount([]), 0);
  const day = (working: boolean, shifts: number) => ({ info: { working }, shifts: Array.from({ length: shifts }) });
  assert.equal(hasOffDayShift([day(true, 2), day(false, 0)]), false);
  assert.equal(hasOffDayShift([day(true, 0), day(false, 1)]), true);
  assert.equal(isKind('vneid'), true);
  assert.equal(isKind('constructor'), false);
  assert.equal(monthOrDefault('2026-10', '2026-12-07'), '2026-10');
  assert.equal(monthOrDefault('', '2026-12-07'), '2026-12');
  assert.equal(monthOrDefault(undefined, '2026-12-07'), '2026-12');
  assert.equal(weekQuery('2026-11-25'), '?week=2026-11-25');
  assert.equal(weekQuery('2026-11-25<x>'), '');
  assert.equal(weekQuery(['2026-11-25']), '');
});
