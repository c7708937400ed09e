/** Public-form limits count accepted submissions, not rejected attempts (decision 026). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptedSubmissionLimit } from './submission-limit.ts';
import { AppError } from './errors.ts';

test('five accepted in ten minutes, then refused; rejected attempts never count; the window slides', () => {
  let now = 0;
  const limit = acceptedSubmissionLimit('t', { max: 5, windowMs: 600_000 }, () => now);
  // Twenty rejected attempts (validation errors): only assertRoom is called, nothing recorded.
  for (let i = 0; i < 20; i++) limit.assertRoomFor('ip1');
  for (let i = 0; i < 5; i++) {
    limit.assertRoomFor('ip1');
    limit.recordFor('ip1');
    now += 1000;
  }
  assert.throws(
    () => {
      limit.assertRoomFor('ip1');
    },
    (e: unknown) => e instanceof AppError && e.code === 'RATE_LIMITED',
  );
  limit.assertRoomFor('ip2'); // another address is not affected
  now = 600_001; // the first accepted submission left the window
  limit.assertRoomFor('ip1');
});
