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
    const limit = this.opts.size ?? this.opts.maxSize;
    if (limit !== undefined && this.count > limit) {
      cb(this.opts.size !== undefined ? sizeMismatch(this.opts.size, this.count) : tooLarge(limit));
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
    if (this.opts.size !== undefined && this.count !== this.opts.size) {
      throw sizeMismatch(this.opts.size, this.count);
    }
    const etag = this.hash.digest('hex');
    if (this.opts.md5 !== undefined && this.opts.md5.toLowerCase() !== etag) {
      throw new BlobRejected('md5_mismatch', `MD5 of the body is ${etag}, expected ${this.opts.md5}`);
    }
    return etag;
  }
}

const sizeMismatch = (want: number, got: number) =>
  new BlobRejected('size_mismatch', `Body has ${got > want ? 'more than' : 'only'} ${got > want ? want : got} bytes, expected ${want}`);
const tooLarge = (max: number) => new BlobRejected('too_large', `Body is larger than ${max} bytes`);
