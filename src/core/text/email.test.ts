import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmail } from './email.ts';

test('one e-mail check: plain addresses pass; display names, lists, spaces and dotless domains do not', () => {
  for (const ok of ['an.nguyen@example.vn', 'motcua+xa@camgiang.gov.vn', 'A@B.CO']) assert.ok(isEmail(ok), ok);
  for (const bad of [
    '',
    'an nguyen@example.vn',
    'Trung tâm <a@x.vn>',
    'a@x.vn,b@y.vn',
    'a@x',
    '@x.vn',
    'a@@x.vn',
    `${'a'.repeat(250)}@x.vn`,
  ])
    assert.ok(!isEmail(bad), bad);
});
