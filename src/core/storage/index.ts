/** Shared storage of uploaded files: the store named by the configuration (STORAGE=disk|s3). */
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { DiskBlobStore, type BlobStore } from './blobs.ts';
import { S3BlobStore } from './s3.ts';

export * from './blobs.ts';
export { S3BlobStore } from './s3.ts';

/** The local uploads folder (the disk store's root; backups copy it). */
export const diskUploadsDir = (config: Pick<Config, 'dataDir'>): string => join(config.dataDir, 'uploads');

const cache = new WeakMap<Pick<Config, 'dataDir' | 'storage'>, BlobStore>();

/** The configured store, one per configuration object (the S3 client keeps its connections). */
export function blobStoreOf(config: Pick<Config, 'dataDir' | 'storage'>): BlobStore {
  let s = cache.get(config);
  if (!s) {
    s = config.storage.kind === 's3' ? new S3BlobStore(config.storage) : new DiskBlobStore(diskUploadsDir(config));
    cache.set(config, s);
  }
  return s;
}
