/** The desk's named rules without I/O: printable forms, apology eligibility, the actions a page offers, the lookup's display rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTIONS,
  apologyBlocker,
  canGetApology,
  isAction,
  isOpen,
  offeredActions,
  openActionOf,
  printableForms,
  reappointmentCount,
  showsAppointment,
  showsWhatToBring,
  wasReceived,
  type EventFact,
} from './model.ts';

const ev = (action: string, toStatus: number | null = null): EventFact => ({ action, toStatus });

test('a dossier is received when accepted at the desk or accepted online, not when only submitted or refused', () => {
  assert.equal(wasReceived([ev('received', 2)]), true);
  assert.equal(wasReceived([ev('received', 1), ev('accept', 2)]), true);
  assert.equal(wasReceived([ev('received', 1)]), false);
  assert.equal(wasReceived([ev('received', 1), ev('refuse', 3)]), false);
  assert.equal(wasReceived([]), false);
});

test('printable forms: 01 and 06 once received, 02–05 once their event exists, in the legal order', () => {
  assert.deepEqual(printableForms([ev('received', 2)]), ['01', '06']);
  // A refusal prints form 03 only; guidance of an online submission form 02 only (issue 11).
  assert.deepEqual(printableForms([ev('received', 1), ev('refuse', 3)]), ['03']);
  assert.deepEqual(printableForms([ev('received', 1), ev('guide', null)]), ['02']);
  assert.deepEqual(printableForms([ev('received', 2), ev('request_supplement', 5), ev('extend'), ev('stop', 8)]), [
    '01',
    '02',
    '04',
    '05',
    '06',
  ]);
  assert.deepEqual(printableForms([]), []);
});

test('apology eligibility: only an open dossier, only under the centre’s limit of re-appointments', () => {
  for (const status of [2, 4, 5, 6]) {
    assert.equal(isOpen(status), true);
    assert.equal(apologyBlocker(status, 0, 1), null);
    assert.equal(canGetApology(status, 0, 1), true);
    assert.equal(apologyBlocker(status, 1, 1), 'limit');
    assert.equal(apologyBlocker(status, 1, 2), null);
  }
  for (const status of [1, 3, 7, 8, 9, 10]) {
    assert.equal(isOpen(status), false);
    assert.equal(apologyBlocker(status, 0, 3), 'closed');
    assert.equal(canGetApology(status, 0, 3), false);
  }
  // A centre that allows none: never.
  assert.equal(apologyBlocker(4, 0, 0), 'limit');
  assert.equal(reappointmentCount([ev('received', 2), ev('extend'), ev('handoff', 4), ev('extend')]), 2);
});

test('the page offers the actions allowed in the status and permitted, never the direct extension', () => {
  const all = () => true;
  assert.deepEqual(offeredActions(1, all), ['accept', 'refuse', 'withdraw', 'guide']);
  assert.deepEqual(offeredActions(9, all), ['return_result']);
  assert.deepEqual(offeredActions(10, all), []);
  assert.equal(offeredActions(4, all).includes('extend'), false);
  assert.deepEqual(
    offeredActions(2, (a) => a === 'handoff' || a === 'extend'),
    ['handoff'],
  );
});

test('the open form: the one just submitted if still offered, else the likely next step if offered', () => {
  assert.equal(openActionOf(1, ['accept', 'refuse'], null), 'accept');
  assert.equal(openActionOf(1, ['accept', 'refuse'], 'refuse'), 'refuse');
  assert.equal(openActionOf(1, ['refuse'], null), null);
  assert.equal(openActionOf(4, ['handoff', 'mark_processed'], 'return_result'), 'mark_processed');
  assert.equal(openActionOf(10, [], null), null);
});

test('actions are recognised by name only', () => {
  for (const a of ACTIONS) assert.equal(isAction(a), true);
  assert.equal(isAction('received'), false);
  assert.equal(isAction(''), false);
});

test('the lookup shows the appointment while the clock counts or waits, and what to bring while open or ready', () => {
  assert.equal(showsAppointment('running', 4), true);
  assert.equal(showsAppointment('paused', 5), true);
  assert.equal(showsAppointment('ended', 9), true);
  assert.equal(showsAppointment('ended', 10), false);
  assert.equal(showsAppointment('awaiting_acceptance', 1), false);
  assert.equal(showsAppointment(null, 3), false);
  assert.equal(showsWhatToBring(9, true), true);
  assert.equal(showsWhatToBring(4, false), true);
  assert.equal(showsWhatToBring(1, false), true);
  assert.equal(showsWhatToBring(10, false), false);
  assert.equal(showsWhatToBring(3, false), false);
});
