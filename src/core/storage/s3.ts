/**
 * An S3-compatible bucket as a blob store (AWS S3, MinIO, Ceph, a provincial data centre's object
 * storage). Path-style addressing when an endpoint is given (what most S3-compatible servers
 * need); keys are `<prefix><xx>/<sha256>`. A PutObject is atomic: readers never see half an object.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { KEY, type BlobStore } from './blobs.ts';

export interface S3Options {
  endpoint: string | null;
  bucket: string;
  region: string;
  prefix: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

const status = (e: unknown): number | undefined =>
  (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly o: S3Options;

  constructor(o: S3Options) {
    this.o = o;
    const cfg: S3ClientConfig = { region: o.region, maxAttempts: 3 };
    if (o.endpoint) {
      cfg.endpoint = o.endpoint;
      cfg.forcePathStyle = true;
    }
    if (o.accessKeyId && o.secretAccessKey)
      cfg.credentials = { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey };
    this.client = new S3Client(cfg);
  }

  describe(): string {
    return `s3://${this.o.bucket}/${this.o.prefix}${this.o.endpoint ? ` (${this.o.endpoint})` : ''}`;
  }

  async size(key: string): Promise<number | null> {
    try {
      const h = await this.client.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.o.prefix + key }));
      return h.ContentLength ?? 0;
    } catch (e) {
      if (status(e) === 404) return null;
      throw e;
    }
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.o.bucket,
        Key: this.o.prefix + key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async read(key: string): Promise<Buffer> {
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.o.prefix + key }));
    if (!r.Body) throw new Error(`empty answer for ${key}`);
    return Buffer.from(await r.Body.transformToByteArray());
  }

  async *keys(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: this.o.prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice(this.o.prefix.length);
        if (KEY.test(key)) yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
