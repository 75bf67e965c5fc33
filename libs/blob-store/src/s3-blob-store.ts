import { buffer } from 'node:stream/consumers';
import { pipeline, type Readable } from 'node:stream';
import type { Client } from 'minio';
import { DomainError } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import { assertBlobKey, assertRange, BlobNotFound, type BlobStat, type BlobStore, type ByteRange, type PutOptions, type PutResult } from './blob-store.js';
import { HashingStream } from './hashing-stream.js';

export interface S3BlobStoreOptions {
  /** http(s)://host:port of the S3 server. */
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly bucket: string;
  readonly region?: string | undefined;
  /** Multipart part size: the most one upload holds in memory (default 8 MiB, min 5 MiB). */
  readonly partSize?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const MIN_PART_SIZE = 5 * 1024 * 1024;

/** The stream cut into parts of exactly `size` bytes (the last one shorter). */
async function* partsOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let n = 0;
  for await (const data of stream) {
    let chunk = data as Buffer;
    while (n + chunk.length >= size) {
      const take = size - n;
      held.push(chunk.subarray(0, take));
      yield Buffer.concat(held);
      held = [];
      n = 0;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) {
      held.push(chunk);
      n += chunk.length;
    }
  }
  if (n > 0) {
    yield Buffer.concat(held);
  }
}

/**
 * Blobs as objects of one S3 bucket, through minio-js (MinIO, Ceph RGW, Swift's s3api, any
 * S3). A body shorter than one part is sent as a single PUT once it has ended and matched
 * its declared size and MD5; a longer one as a multipart upload completed only after
 * that check (aborted on any failure), so a failed upload never shows a partial blob.
 * Memory per upload is bounded by the part size (default 8 MiB).
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly log = loggerFor('S3BlobStore');
  private client!: Client;
  private readonly partSize: number;

  constructor(private readonly opts: S3BlobStoreOptions) {
    this.partSize = Math.max(opts.partSize ?? DEFAULT_PART_SIZE, MIN_PART_SIZE);
  }

  /** Loads minio-js (only S3 deployments pay for it), connects, and creates the bucket when missing. */
  async init(): Promise<void> {
    const { Client } = await import('minio');
    const opts = this.opts;
    const url = new URL(opts.endpoint);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: opts.accessKey,
      secretKey: opts.secretKey,
      region: opts.region ?? 'us-east-1',
      pathStyle: true,
    });
    if (!(await this.client.bucketExists(this.opts.bucket))) {
      await this.client.makeBucket(this.opts.bucket, this.opts.region ?? 'us-east-1').catch((err: unknown) => {
        if (s3Code(err) !== 'BucketAlreadyOwnedByYou') {
          throw err;
        }
      });
      this.log.info({ bucket: this.opts.bucket }, 'bucket created');
    }
  }

  async put(key: string, body: Readable, opts: PutOptions = {}): Promise<PutResult> {
    assertBlobKey(key);
    const hashing = new HashingStream(opts);
    pipeline(body, hashing, () => undefined);
    const parts = partsOf(hashing, this.partSize)[Symbol.asyncIterator]();
    try {
      const first = await parts.next();
      const firstPart = first.done ? Buffer.alloc(0) : first.value;
      if (firstPart.length < this.partSize) {
        const result = { etag: hashing.finish(), size: hashing.size };
        await this.client.putObject(this.opts.bucket, key, firstPart, firstPart.length);
        return result;
      }
      return await this.multipart(key, firstPart, parts, hashing);
    } catch (err) {
      body.destroy();
      throw err;
    }
  }

  /**
   * A multipart upload made part by part, so nothing becomes visible before the body has
   * ended and matched its declared size and MD5; any failure aborts the upload.
   */
  private async multipart(key: string, first: Buffer, rest: AsyncIterator<Buffer>, hashing: HashingStream): Promise<PutResult> {
    const bucket = this.opts.bucket;
    const uploadID = await this.client.initiateNewMultipartUpload(bucket, key, {});
    try {
      const etags: Array<{ part: number; etag: string }> = [];
      let part: Buffer | undefined = first;
      for (let partNumber = 1; part; partNumber++) {
        const res = await this.client.uploadPart({ bucketName: bucket, objectName: key, uploadID, partNumber, headers: { 'Content-Length': part.length } }, part);
        etags.push({ part: partNumber, etag: res.etag });
        const next = await rest.next();
        part = next.done ? undefined : next.value;
      }
      const result = { etag: hashing.finish(), size: hashing.size };
      await this.client.completeMultipartUpload(bucket, key, uploadID, etags);
      return result;
    } catch (err) {
      await this.client.abortMultipartUpload(bucket, key, uploadID).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertBlobKey(key);
    try {
      if (range) {
        const stat = await this.client.statObject(this.opts.bucket, key);
        assertRange(range, stat.size);
        return await this.client.getPartialObject(this.opts.bucket, key, range.start, range.end - range.start + 1);
      }
      return await this.client.getObject(this.opts.bucket, key);
    } catch (err) {
      throw isNotFound(err) ? new BlobNotFound(key) : err;
    }
  }

  async getBytes(key: string, range?: ByteRange): Promise<Buffer> {
    return buffer(await this.get(key, range));
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    assertBlobKey(key);
    try {
      return { size: (await this.client.statObject(this.opts.bucket, key)).size };
    } catch (err) {
      if (isNotFound(err)) {
        return undefined;
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.removeObject(this.opts.bucket, key);
  }

  async check(): Promise<void> {
    if (!(await this.client.bucketExists(this.opts.bucket))) {
      throw new DomainError('unavailable', `bucket ${this.opts.bucket} is missing`);
    }
  }
}

function s3Code(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

function isNotFound(err: unknown): boolean {
  const code = s3Code(err);
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchObject';
}
