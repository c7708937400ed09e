/** Shared storage of uploaded files: the store named by the configuration (STORAGE=disk|s3). */
import { join } from 'node:path';
import type { Config, StorageConfig } from '../../config.ts';
import { DiskBlobStore, type BlobStore } from './blobs.ts';

export * from './blobs.ts';

/** The local uploads folder (the disk store's root; backups copy it). */
export const diskUploadsDir = (config: Pick<Config, 'dataDir'>): string => join(config.dataDir, 'uploads');

/**
 * The bucket store, loaded on first use: the AWS SDK stays out of memory on a centre that keeps
 * its files on disk (and until the first file on one that does not).
 */
class LazyS3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly o: Extract<StorageConfig, { kind: 's3' }>;
  private store: Promise<BlobStore> | null = null;
  constructor(o: Extract<StorageConfig, { kind: 's3' }>) {
    this.o = o;
  }
  private get(): Promise<BlobStore> {
    this.store ??= import('./s3.ts').then((m) => new m.S3BlobStore(this.o));
    return this.store;
  }
  describe(): string {
    return `s3://${this.o.bucket}/${this.o.prefix}${this.o.endpoint ? ` (${this.o.endpoint})` : ''}`;
  }
  async size(key: string): Promise<number | null> {
    return (await this.get()).size(key);
  }
  async write(key: string, bytes: Buffer): Promise<void> {
    await (await this.get()).write(key, bytes);
  }
  async read(key: string): Promise<Buffer> {
    return (await this.get()).read(key);
  }
  async *keys(): AsyncIterable<string> {
    yield* (await this.get()).keys();
  }
}

const cache = new WeakMap<Pick<Config, 'dataDir' | 'storage'>, BlobStore>();

/** The configured store, one per configuration object (the S3 client keeps its connections). */
export function blobStoreOf(config: Pick<Config, 'dataDir' | 'storage'>): BlobStore {
  let s = cache.get(config);
  if (!s) {
    s = config.storage.kind === 's3' ? new LazyS3BlobStore(config.storage) : new DiskBlobStore(diskUploadsDir(config));
    cache.set(config, s);
  }
  return s;
}
