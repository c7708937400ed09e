import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CorruptRowError } from '../../core/db/json.ts';
import {
  OUTCOMES,
  canReturnResult,
  categoriesJson,
  choices,
  closesRequest,
  foldName,
  hasTask,
  isOpenRequest,
  isPendingVisit,
  monthOf,
  NEEDS,
  needsJson,
  parseRecord,
  parseRequest,
  parseSchedule,
  proposedTime,
  requestStatusAfter,
  showsRequester,
  statusesOf,
  takenCodesJson,
  tasksFor,
  tasksJson,
  wentToHome,
} from './model.ts';

test('choices keep known values once and flag unknown ones', () => {
  assert.deepEqual(choices(NEEDS, ['deliver_card', 'deliver_card', 'x']), { values: ['deliver_card'], unknown: true });
  assert.deepEqual(choices(NEEDS, 'other'), { values: ['other'], unknown: false });
  assert.deepEqual(choices(NEEDS, undefined), { values: [], unknown: false });
});

test('a request: phone normalised, self needs no requester name, past preferred date refused, consent required on the public form', () => {
  const ok = parseRequest(
    {
      personName: ' Nguyễn Văn An ',
      relationship: 'self',
      phone: '+84 912 345 678',
      address: 'Thôn Đông',
      needs: ['take_dossier'],
    },
    '2026-11-25',
    { requireConsent: false },
  );
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.value.phone, '0912345678');
  assert.equal(ok.value.requesterName, 'Nguyễn Văn An');
  const bad = parseRequest(
    {
      personName: 'A',
      relationship: 'child',
      phone: '0912345678',
      address: 'B',
      needs: ['other'],
      preferredDate: '2026-11-24',
    },
    '2026-11-25',
    { requireConsent: true },
  );
  assert.deepEqual(bad.problems.map((p) => p.field).sort(), [
    'consent',
    'needsOther',
    'preferredDate',
    'requesterName',
  ]);
});

test('a schedule needs a dossier code to return a result; a record of “done” needs the citizen’s confirmation', () => {
  assert.deepEqual(
    parseSchedule(
      { officerId: '3', date: '2026-11-25', time: '8:30', address: 'x', tasks: ['return_result'] },
      '2026-11-25',
    ).problems.map((p) => p.field),
    ['time', 'dossierCode'],
  );
  assert.deepEqual(
    parseRecord({ outcome: 'done', time: '09:00', confirmName: 'An' }).problems.map((p) => p.field),
    ['confirmName'],
  );
  assert.deepEqual(parseRecord({ outcome: 'done', time: '09:00', confirmKind: 'paper' }).problems, []);
  assert.deepEqual(parseRecord({ outcome: 'not_home', time: '09:00' }).value.confirmKind, null);
  assert.deepEqual(parseRecord({ outcome: 'postponed' }).problems, [], 'a postponed visit needs no time');
  assert.deepEqual(
    parseRecord({ outcome: 'not_home' }).problems.map((p) => p.field),
    ['time'],
  );
});

test('names fold for search without diacritics', () => {
  assert.equal(foldName('  Đỗ   Thị Lựu '), 'do thi luu');
});

test('page rules: open requests, pending visits, what a visit can do, who asked', () => {
  assert.equal(isOpenRequest({ status: 'new' }), true);
  assert.equal(isOpenRequest({ status: 'scheduled' }), true);
  assert.equal(isOpenRequest({ status: 'done' }), false);
  assert.equal(isOpenRequest({ status: 'cancelled' }), false);
  assert.equal(isPendingVisit({ status: 'scheduled' }), true);
  assert.equal(isPendingVisit({ status: 'not_home' }), false);
  assert.equal(canReturnResult({ tasks: ['return_result'], dossierCode: 'H26.99.01-261125-0001' }), true);
  assert.equal(canReturnResult({ tasks: ['return_result'], dossierCode: null }), false, 'no dossier to return');
  assert.equal(canReturnResult({ tasks: ['deliver_card'], dossierCode: 'H26.99.01-261125-0001' }), false);
  assert.equal(hasTask({ tasks: ['deliver_card', 'take_dossier'] }, 'take_dossier'), true);
  assert.equal(hasTask({ tasks: ['deliver_card'] }, 'take_dossier'), false);
  assert.equal(showsRequester({ relationship: 'child', requesterName: 'Đỗ Thị Mai' }), true);
  assert.equal(showsRequester({ relationship: 'self', requesterName: 'Đỗ Thị Mai' }), false);
  assert.equal(showsRequester({ relationship: 'child', requesterName: '' }), false);
});

test('a visit’s outcome moves the request on: done and cancelled close it, the others send it back to scheduling', () => {
  assert.deepEqual(
    OUTCOMES.map((o) => [o, wentToHome(o), requestStatusAfter(o), closesRequest(requestStatusAfter(o))]),
    [
      ['done', true, 'done', true],
      ['not_home', true, 'new', false],
      ['postponed', false, 'new', false],
      ['cancelled', false, 'cancelled', true],
    ],
  );
});

test('the schedule proposal, the status filter and the month of a day', () => {
  assert.deepEqual(tasksFor(['take_dossier', 'other', 'deliver_card']), ['take_dossier', 'deliver_card']);
  assert.equal(proposedTime('afternoon'), '14:00');
  assert.equal(proposedTime('morning'), '08:30');
  assert.equal(proposedTime('any'), '08:30');
  assert.deepEqual(statusesOf('open'), ['new', 'scheduled']);
  assert.deepEqual(statusesOf('done'), ['done']);
  assert.equal(statusesOf(undefined), undefined);
  assert.equal(statusesOf('nonsense'), undefined, 'an unknown filter lists everything');
  assert.deepEqual(monthOf('2028-02-17'), { from: '2028-02-01', to: '2028-02-29', label: '02/2028' });
  assert.deepEqual(monthOf('2026-12-31'), { from: '2026-12-01', to: '2026-12-31', label: '12/2026' });
});

test('JSON columns: a stored list is checked, a bad row fails loudly naming its column', () => {
  assert.deepEqual(needsJson.decode(needsJson.encode(['take_dossier', 'other'])), ['take_dossier', 'other']);
  assert.deepEqual(takenCodesJson.decode('[]'), []);
  assert.throws(
    () => tasksJson.decode('["fly_to_the_moon"]'),
    (e: unknown) => {
      assert.ok(e instanceof CorruptRowError);
      assert.equal(e.column, 'home_visit.tasks');
      return true;
    },
  );
  assert.throws(() => categoriesJson.decode('not json'), CorruptRowError);
});
