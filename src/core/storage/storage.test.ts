/** The blob store on disk and in an S3 bucket (a real S3-protocol server): same keys, same checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3 } from '../../../test/support/s3.ts';
import { testConfig } from '../../../test/support/db.ts';
import {
  blobStoreOf,
  copyBlobs,
  DiskBlobStore,
  putBlob,
  readBlob,
  sha256Of,
  storageKeyOf,
  type BlobStore,
} from './index.ts';

const pdf = Buffer.from('%PDF-1.4\n% một tệp thử\n');

async function behaves(store: BlobStore) {
  const a = await putBlob(store, pdf);
  assert.equal(a.key, storageKeyOf(sha256Of(pdf)));
  assert.equal(a.created, true);
  assert.equal((await putBlob(store, Buffer.from(pdf))).created, false, 'one content is stored once');
  assert.deepEqual(await readBlob(store, a.key, a.sha256), pdf);
  await assert.rejects(readBlob(store, '../../etc/passwd', a.sha256), /bad storage key/);
  // A replaced object is an error, not data.
  await store.write(a.key, Buffer.from('%PDF-1.4 thay thế'));
  await assert.rejects(readBlob(store, a.key, a.sha256), /does not match its hash/);
  await store.write(a.key, pdf);
  const keys: string[] = [];
  for await (const k of store.keys()) keys.push(k);
  assert.deepEqual(keys, [a.key]);
  assert.equal(await store.size(storageKeyOf('0'.repeat(64))), null);
}

test('disk store: content-addressed, hash-checked, listed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-blobs-'));
  try {
    await behaves(new DiskBlobStore(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('S3 store against a real S3-protocol server: same behaviour, and the config picks it', async () => {
  const s3 = await startS3();
  try {
    const config = testConfig({ ...s3.env, S3_PREFIX: 'motcua/' });
    const store = blobStoreOf(config);
    assert.equal(store.kind, 's3');
    assert.match(store.describe(), /^s3:\/\/motcua-test\/motcua\//);
    await behaves(store);
  } finally {
    await s3.close();
  }
});

test('copyBlobs disk → bucket: copies, verifies, skips damaged files, second run copies nothing', async () => {
  const s3 = await startS3();
  const dir = mkdtempSync(join(tmpdir(), 'motcua-blobs-'));
  try {
    const disk = new DiskBlobStore(dir);
    const contents = [pdf, Buffer.from('\x89PNG\r\n\x1a\nảnh'), Buffer.from('%PDF-1.7 thứ ba')];
    for (const c of contents) await putBlob(disk, c);
    // A damaged file on disk (its bytes no longer match its name) is reported, not copied.
    const badSha = sha256Of(Buffer.from('gốc'));
    mkdirSync(join(dir, badSha.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, storageKeyOf(badSha)), 'đã bị sửa');
    const bucket = blobStoreOf(testConfig(s3.env));
    const first = await copyBlobs(disk, bucket);
    assert.deepEqual(first, { copied: 3, present: 0, damaged: [storageKeyOf(badSha)] });
    for (const c of contents) assert.deepEqual(await readBlob(bucket, storageKeyOf(sha256Of(c)), sha256Of(c)), c);
    const second = await copyBlobs(disk, bucket);
    assert.deepEqual(second, { copied: 0, present: 3, damaged: [storageKeyOf(badSha)] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await s3.close();
  }
});

test('STORAGE=s3 needs a bucket; credentials from a file', () => {
  assert.throws(() => testConfig({ STORAGE: 's3' }), /S3_BUCKET/);
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cred-'));
  try {
    const file = join(dir, 'cred');
    writeFileSync(file, 'AKIA123\nbi-mat\n');
    const c = testConfig({ STORAGE: 's3', S3_BUCKET: 'motcua-test', S3_CREDENTIALS_FILE: file });
    assert.deepEqual(c.storage, {
      kind: 's3',
      endpoint: null,
      bucket: 'motcua-test',
      region: 'us-east-1',
      prefix: '',
      accessKeyId: 'AKIA123',
      secretAccessKey: 'bi-mat',
    });
    writeFileSync(file, 'chỉ một dòng\n');
    assert.throws(() => testConfig({ STORAGE: 's3', S3_BUCKET: 'motcua-test', S3_CREDENTIALS_FILE: file }), /line 1/);
    assert.throws(
      () => testConfig({ STORAGE: 's3', S3_BUCKET: 'motcua-test', S3_ACCESS_KEY_ID: 'x' }),
      /both or neither/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
