import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRegisterFlash, registerFilterOf } from './model.ts';

test('the register filter: strings only, at most 100 characters, empty when absent', () => {
  assert.deepEqual(registerFilterOf({}), { year: '', direction: '', status: '', q: '' });
  assert.deepEqual(registerFilterOf({ year: '2026', direction: ['in'], status: 7, q: 'x'.repeat(150) }), {
    year: '2026',
    direction: '',
    status: '',
    q: 'x'.repeat(100),
  });
});

test('register flashes: only "added" and "saved"', () => {
  assert.equal(isRegisterFlash('added'), true);
  assert.equal(isRegisterFlash('saved'), true);
  assert.equal(isRegisterFlash('removed'), false);
  assert.equal(isRegisterFlash(undefined), false);
});
