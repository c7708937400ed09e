/** SQLite storage guarantees: WAL, foreign keys, and a committed write survives kill -9. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqlite } from '../../src/core/db/sqlite-adapter.ts';
import { DATABASES } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';

test('SQLite opens in WAL mode with foreign keys enforced and full sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-wal-'));
  try {
    const db = openSqlite(join(dir, 'x.sqlite'));
    assert.equal((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
    assert.equal((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys, 1);
    assert.equal((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous, 2);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const { name, fresh } of DATABASES) {
  test(`foreign keys reject an orphan row (${name})`, async () => {
    const t = await fresh();
    try {
      await assert.rejects(
        t.deps.db.insertInto('user_role').values({ user_id: 999999, center_id: 999999, role: 'admin' }).execute(),
      );
      const c = await makeCenter(t.deps);
      await assert.rejects(makeCenter(t.deps, { slug: c.slug }), 'slug is unique');
    } finally {
      await t.close();
    }
  });
}

test('a committed write survives kill -9 of the writing process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
  const file = join(dir, 'crash.sqlite');
  try {
    const script = `
      const { openDatabase, migrateToLatest } = await import('./src/core/db/connect.ts');
      const d = openDatabase('sqlite:${file}');
      await migrateToLatest(d);
      const now = new Date().toISOString();
      await d.db.insertInto('center').values({ slug: 'ben-vung', name: 'Trung tâm Bền Vững', short_name: 'BV', parent_body: 'UBND xã', province: 'Hải Phòng', agency_code: 'H26.1', address: 'x', working_sessions: '[{"start":"07:30","end":"11:30"}]', created_at: now, updated_at: now }).execute();
      process.stdout.write('committed\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', './bin/register.mjs', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('committed')) resolve();
      });
      child.on('exit', (code) => {
        reject(new Error(`child exited early: ${code}`));
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const db = new DatabaseSync(file);
    const row = db.prepare("SELECT name FROM center WHERE slug = 'ben-vung'").get() as { name: string } | undefined;
    db.close();
    assert.equal(row?.name, 'Trung tâm Bền Vững');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
