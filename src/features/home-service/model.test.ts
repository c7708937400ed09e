import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choices, foldName, NEEDS, parseRecord, parseRequest, parseSchedule } from './model.ts';

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
