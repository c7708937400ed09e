/** Export files: leftovers of killed writers are swept before a process's first export. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportPath } from './files.ts';

test('a leftover older than an hour is removed before the first export; a recent one is kept', () => {
  const dir = join(tmpdir(), 'motcua-exports');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stale = join(dir, `left-${String(process.pid)}-stale.pdf`);
  const recent = join(dir, `left-${String(process.pid)}-recent.pdf`);
  writeFileSync(stale, 'half a book');
  writeFileSync(recent, 'a book being written');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);
  const path = exportPath('pdf');
  assert.equal(dirname(path), dir);
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(recent), true);
  rmSync(recent, { force: true });
});
