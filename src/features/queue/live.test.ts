/** The cap on open board streams: per process and per client address, each slot released once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deps } from '../../core/deps.ts';
import { liveFeeds } from './live.ts';

test('board streams are capped per process and per client address; a release frees exactly one slot', () => {
  const live = liveFeeds({} as Deps, { total: 3, perIp: 2 });
  const a1 = live.admit('10.0.0.1');
  const a2 = live.admit('10.0.0.1');
  assert.ok(a1 && a2);
  assert.equal(live.admit('10.0.0.1'), null, 'third from the same address');
  const b1 = live.admit('10.0.0.2');
  assert.ok(b1);
  assert.equal(live.admit('10.0.0.3'), null, 'the process is full');
  a1();
  a1(); // a second release changes nothing
  const c1 = live.admit('10.0.0.3');
  assert.ok(c1, 'a freed slot is reused');
  assert.equal(live.admit('10.0.0.1'), null, 'the process is full again: the double release did not free two slots');
  b1();
  assert.ok(live.admit('10.0.0.1'), 'the address got its slot back');
});
