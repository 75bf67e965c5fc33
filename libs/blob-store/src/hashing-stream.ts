import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobRejected, type PutOptions } from './blob-store.js';

/**
 * A pass-through that computes the MD5 and byte count of what flows through it, and
 * fails the stream as soon as the body exceeds the declared size or the maximum.
 */
export class HashingStream extends Transform {
  private readonly hash: Hash = createHash('md5');
  private count = 0;

  constructor(private readonly opts: PutOptions = {}) {
    super({ highWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    const over = overLimit(this.count, this.opts);
    if (over) {
      cb(over);
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }

  get size(): number {
    return this.count;
  }

  /** The MD5 (hex); call once, after the stream ended. Throws when it contradicts opts. */
  finish(): string {
    return checkedDigest(this.hash.digest('hex'), this.count, this.opts);
  }
}

/** The chunks of `body`, failing as soon as together they exceed the declared size or the maximum. */
export async function* boundedChunks(body: AsyncIterable<unknown>, opts: PutOptions): AsyncGenerator<Buffer> {
  let count = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    count += buf.length;
    const over = overLimit(count, opts);
    if (over) {
      throw over;
    }
    yield buf;
  }
}

/** The error for a body that has grown to `count` bytes, when that is already too many. */
export function overLimit(count: number, opts: PutOptions): BlobRejected | undefined {
  if (opts.maxSize !== undefined && count > opts.maxSize) {
    return tooLarge(opts.maxSize);
  }
  return opts.size !== undefined && count > opts.size ? sizeMismatch(opts.size, count) : undefined;
}

/** `etag`, the MD5 (hex) of a complete body of `count` bytes; throws when either contradicts opts. */
export function checkedDigest(etag: string, count: number, opts: PutOptions): string {
  if (opts.size !== undefined && count !== opts.size) {
    throw sizeMismatch(opts.size, count);
  }
  if (opts.md5 !== undefined && opts.md5.toLowerCase() !== etag) {
    throw new BlobRejected('md5_mismatch', `MD5 of the body is ${etag}, expected ${opts.md5}`);
  }
  return etag;
}

const sizeMismatch = (want: number, got: number) =>
  new BlobRejected('size_mismatch', `Body has ${got > want ? 'more than' : 'only'} ${got > want ? want : got} bytes, expected ${want}`);
const tooLarge = (max: number) => new BlobRejected('too_large', `Body is larger than ${max} bytes`);
