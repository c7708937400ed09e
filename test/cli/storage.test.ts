/** `motcua storage migrate|check`, and backup/restore with uploads in a bucket (a real S3-protocol server). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startS3 } from '../support/s3.ts';
import { testConfig } from '../support/db.ts';
import { blobStoreOf, putBlob, readBlob, sha256Of, storageKeyOf } from '../../src/core/storage/index.ts';

const exec = promisify(execFile);

async function motcua(args: string[], env: Record<string, string>) {
  try {
    const r = await exec(process.execPath, ['bin/motcua.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: '', DEMO: 'off', LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

test('storage migrate --to s3 copies the uploads once, verified; backup and restore go through the bucket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-s3-'));
  const s3 = await startS3();
  const s3b = await startS3('motcua-restore');
  try {
    const contents = [Buffer.from('%PDF-1.4 một'), Buffer.from('%PDF-1.4 hai'), Buffer.from('\x89PNG\r\n\x1a\nba')];
    for (const c of contents) await putBlob(join(dir, 'uploads'), c);
    const disk = { DATA_DIR: dir };
    const bucket = { ...disk, ...s3.env };

    const wrong = await motcua(['storage', 'migrate', '--to', 's3'], disk);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /STORAGE=s3/);

    const first = await motcua(['storage', 'migrate', '--to', 's3'], bucket);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /copied 3, đã có \/ already there 0/);
    const second = await motcua(['storage', 'migrate', '--to', 's3'], bucket);
    assert.match(second.out, /copied 0, đã có \/ already there 3/);
    const store = blobStoreOf(testConfig(s3.env));
    for (const c of contents) assert.deepEqual(await readBlob(store, storageKeyOf(sha256Of(c)), sha256Of(c)), c);
    const check = await motcua(['storage', 'check'], bucket);
    assert.equal(check.code, 0, check.err);
    assert.match(check.out, /3 tệp đúng/);

    // A damaged file on disk is reported and the command fails.
    const bad = sha256Of(Buffer.from('gốc'));
    mkdirSync(join(dir, 'uploads', bad.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, 'uploads', storageKeyOf(bad)), 'đã bị sửa');
    const damaged = await motcua(['storage', 'migrate', '--to', 's3'], bucket);
    assert.equal(damaged.code, 1);
    assert.match(damaged.out, new RegExp(`damaged files, not copied: ${storageKeyOf(bad)}`));

    // Backup (SQLite) takes the uploads from the bucket; restore puts them into another bucket.
    assert.equal((await motcua(['migrate'], bucket)).code, 0);
    const file = join(dir, 'sao-luu.sqlite');
    const b = await motcua(['backup', file], bucket);
    assert.equal(b.code, 0, b.err);
    assert.equal(readdirSync(`${file}.uploads`, { recursive: true }).filter((f) => String(f).length > 3).length, 3);
    const other = mkdtempSync(join(tmpdir(), 'motcua-cli-s3-restore-'));
    try {
      const r = await motcua(['restore', file], { DATA_DIR: other, ...s3b.env });
      assert.equal(r.code, 0, r.err);
      const restored = blobStoreOf(testConfig(s3b.env));
      for (const c of contents) assert.deepEqual(await readBlob(restored, storageKeyOf(sha256Of(c)), sha256Of(c)), c);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await s3.close();
    await s3b.close();
  }
});
