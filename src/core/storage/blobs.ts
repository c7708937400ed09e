/**
 * The uploaded files (dossier scans, letter evidence, home-visit photos, plan files), stored
 * content-addressed: the key of a content is `<sha256[0..2]>/<sha256>`, on the local disk
 * (`<DATA_DIR>/uploads/<key>`, default, one instance) or in an S3-compatible bucket
 * (`<S3_PREFIX><key>`, several instances; docs/decisions/035). The same keys in both, so
 * `motcua storage migrate --to s3` copies files without touching a row.
 *
 * Every store only puts, gets and lists whole objects; the hash check lives above them in
 * `putBlob`/`readBlob`, so a damaged or replaced object is an error, never data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface BlobStore {
  /** 'disk' or 's3', and where (for logs and the CLI). */
  readonly kind: 'disk' | 's3';
  describe(): string;
  /** The object's size in bytes, or null when absent. */
  size(key: string): Promise<number | null>;
  /** Writes the object whole (a reader never sees half of it). */
  write(key: string, bytes: Buffer): Promise<void>;
  /** The object's bytes; throws when absent. */
  read(key: string): Promise<Buffer>;
  /** Every content key stored (`xx/<sha256>`), in no particular order. */
  keys(): AsyncIterable<string>;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where a content is stored, relative to the store's root. */
export function storageKeyOf(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

export const KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** A folder on the local disk; writes go through a flushed temporary file renamed into place. */
export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk' as const;
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }
  describe(): string {
    return this.dir;
  }
  async size(key: string): Promise<number | null> {
    const s = await stat(join(this.dir, key)).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    });
    return s?.isFile() ? s.size : null;
  }
  async write(key: string, bytes: Buffer): Promise<void> {
    const target = join(this.dir, key);
    await mkdir(dirname(target), { recursive: true, mode: 0o750 });
    const tmp = join(dirname(target), `.${key.replace(/\W/g, '')}.${randomBytes(6).toString('hex')}.part`);
    let done = false;
    try {
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
      done = true;
    } finally {
      if (!done) await rm(tmp, { force: true });
    }
  }
  read(key: string): Promise<Buffer> {
    return readFile(join(this.dir, key));
  }
  async *keys(): AsyncIterable<string> {
    const tops = await readdir(this.dir, { withFileTypes: true }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    });
    for (const t of tops) {
      if (!t.isDirectory() || !/^[0-9a-f]{2}$/.test(t.name)) continue;
      for (const f of await readdir(join(this.dir, t.name), { withFileTypes: true })) {
        const key = `${t.name}/${f.name}`;
        if (f.isFile() && KEY.test(key)) yield key;
      }
    }
  }
}

/**
 * Stores `bytes` under their hash, once: an identical content already stored (same size) is kept.
 * `store` may be a folder path (a disk store there).
 */
export async function putBlob(
  store: BlobStore | string,
  bytes: Buffer,
): Promise<{ sha256: string; key: string; created: boolean }> {
  const s = typeof store === 'string' ? new DiskBlobStore(store) : store;
  const sha256 = sha256Of(bytes);
  const key = storageKeyOf(sha256);
  if ((await s.size(key)) === bytes.length) return { sha256, key, created: false };
  await s.write(key, bytes);
  return { sha256, key, created: true };
}

/** Reads a stored content and checks it still has its hash (a damaged or replaced file is an error, not data). */
export async function readBlob(store: BlobStore | string, key: string, sha256: string): Promise<Buffer> {
  if (!KEY.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
  const s = typeof store === 'string' ? new DiskBlobStore(store) : store;
  const bytes = await s.read(key);
  if (sha256Of(bytes) !== sha256) throw new Error(`stored file ${key} does not match its hash`);
  return bytes;
}

/**
 * Copies every content of `from` missing in `to` (or there with another size), checking each
 * content's hash on both sides: a source file that does not match its name is reported and not
 * copied. Idempotent: a second run copies nothing.
 */
export async function copyBlobs(
  from: BlobStore,
  to: BlobStore,
): Promise<{ copied: number; present: number; damaged: string[] }> {
  const r = { copied: 0, present: 0, damaged: [] as string[] };
  for await (const key of from.keys()) {
    const sha = key.slice(3);
    const bytes = await from.read(key);
    if (sha256Of(bytes) !== sha) {
      r.damaged.push(key);
      continue;
    }
    if ((await to.size(key)) === bytes.length) {
      r.present++;
      continue;
    }
    await to.write(key, bytes);
    const back = await to.read(key);
    if (sha256Of(back) !== sha) throw new Error(`copy of ${key} to ${to.describe()} does not match its hash`);
    r.copied++;
  }
  return r;
}
