/** The floor follows the clock: the kiosk's state from the centre's working calendar (issue 12, decision 026). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkCalendar, DEFAULT_CUTOFF, DEFAULT_SESSIONS } from '../../core/calendar/index.ts';
import { SHIPPED_NOTICES } from '../../core/calendar/official-notices.ts';
import { CorruptRowError } from '../../core/db/json.ts';
import {
  canIssue,
  DEFAULT_PRIORITY_GROUPS,
  floorState,
  PRIORITY_LABELS,
  priorityGroupsOf,
  type FloorState,
} from './model.ts';

const cal = createWorkCalendar({
  sessions: DEFAULT_SESSIONS, // 07:30–11:30, 13:30–17:00
  cutoff: DEFAULT_CUTOFF,
  notices: SHIPPED_NOTICES,
  cultureDay: { enabled: false, from: '2026-07-01', confirmed: false },
});
const vn = (s: string) => new Date(`${s}+07:00`);
const opens = (s: FloorState) => (s.kind === 'closed' ? s.opensAt.toISOString() : s.kind);

test('05:50 on a working day: closed, opens 07:30 the same day; early tickets only when the centre allows them', () => {
  const s = floorState(cal, vn('2026-12-08T05:50'), false);
  assert.equal(s.kind, 'closed');
  assert.equal(opens(s), vn('2026-12-08T07:30').toISOString());
  assert.equal(canIssue(s), false, 'no ticket at 05:50 by default');
  const early = floorState(cal, vn('2026-12-08T05:50'), true);
  assert.equal(canIssue(early), true, 'with the setting, a ticket for the opening');
});

test('inside a session: open; at lunch: tickets, calls resume 13:30', () => {
  assert.deepEqual(floorState(cal, vn('2026-12-08T09:00'), false), { kind: 'open' });
  const lunch = floorState(cal, vn('2026-12-08T12:10'), false);
  assert.deepEqual(lunch, { kind: 'break', resumesAt: vn('2026-12-08T13:30') });
  assert.equal(canIssue(lunch), true);
});

test('after closing and on a weekend: closed until the next working morning, never early for another day', () => {
  const evening = floorState(cal, vn('2026-12-08T18:00'), true);
  assert.equal(opens(evening), vn('2026-12-09T07:30').toISOString());
  assert.equal(canIssue(evening), false, 'early tickets are for the same day only');
  const sunday = floorState(cal, vn('2026-12-06T10:00'), true);
  assert.deepEqual(sunday, { kind: 'closed', opensAt: vn('2026-12-07T07:30'), dayOff: true, early: false });
  assert.equal(canIssue(sunday), false);
});

test('a public holiday (Tết 2027) is a day off: the kiosk names the next working day', () => {
  const s = floorState(cal, vn('2027-02-08T08:00'), false); // Tết holiday week 2027
  if (s.kind !== 'closed') assert.fail(`closed expected, got ${s.kind}`);
  assert.equal(s.dayOff, true);
  assert.ok(s.opensAt.getTime() > vn('2027-02-08T08:00').getTime());
});

test('priority groups: the posted rules incl. người có công by default; a stored choice is kept in kiosk order', () => {
  assert.ok(DEFAULT_PRIORITY_GROUPS.includes('meritorious'));
  assert.equal(PRIORITY_LABELS.meritorious.vi, 'Người có công với cách mạng');
  assert.deepEqual(priorityGroupsOf(null), [...DEFAULT_PRIORITY_GROUPS]);
  assert.deepEqual(priorityGroupsOf('["meritorious","elderly","nonsense"]'), ['elderly', 'meritorious']);
  assert.deepEqual(priorityGroupsOf('[]'), []);
  // A corrupt row fails loudly (the JSON codec), naming its column.
  assert.throws(
    () => priorityGroupsOf('{oops'),
    (e: unknown) => e instanceof CorruptRowError && e.message.includes('priority_groups'),
  );
  assert.throws(() => priorityGroupsOf('{"a":1}'), CorruptRowError);
});
