import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canConfirmYear, dayCellClass, formYear, isSpecialDay } from './model.ts';

test('special days: holidays, notices off and make-up days; not weekends or workdays', () => {
  assert.equal(isSpecialDay({ working: false, kind: 'holiday' }), true);
  assert.equal(isSpecialDay({ working: false, kind: 'notice_off' }), true);
  assert.equal(isSpecialDay({ working: true, kind: 'make_up' }), true);
  assert.equal(isSpecialDay({ working: false, kind: 'weekend' }), false);
  assert.equal(isSpecialDay({ working: true, kind: 'workday' }), false);
});

test('a day cell is coloured by its kind; pending rules are marked', () => {
  assert.equal(dayCellClass({ working: true, kind: 'workday' }), '');
  assert.equal(dayCellClass({ working: true, kind: 'make_up' }), 'make_up');
  assert.equal(dayCellClass({ working: false, kind: 'weekend' }), 'off');
  assert.equal(dayCellClass({ working: false, kind: 'holiday', pending: true }), 'holiday pending');
});

test('a computed year may be confirmed by whoever may confirm; form years stay within 1901–2099', () => {
  assert.equal(canConfirmYear('computed', true), true);
  assert.equal(canConfirmYear('computed', false), false);
  assert.equal(canConfirmYear('official', true), false);
  assert.equal(formYear('2027-04-30'), 2027);
  assert.equal(formYear('1800-01-01'), null);
  assert.equal(formYear(''), null);
  assert.equal(formYear(undefined), null);
});
