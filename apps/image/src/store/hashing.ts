import { createHash, type Hash } from 'node:crypto';
import type { StoredData } from './image-store.js';

/**
 * MD5 and SHA-512 of everything passed through, and its length, computed chunk by chunk.
 * `md5: false` leaves the MD5 to a store that computes it of what it stored (its ETag).
 */
export class StreamHasher {
  private readonly md5: Hash | undefined;
  private readonly sha512 = createHash('sha512');
  private size = 0;

  constructor(opts: { md5?: boolean } = {}) {
    this.md5 = opts.md5 === false ? undefined : createHash('md5');
  }

  update(chunk: Uint8Array): void {
    this.md5?.update(chunk);
    this.sha512.update(chunk);
    this.size += chunk.length;
  }

  /** Yields `source` unchanged, hashing each chunk on its way. */
  async *tap(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.update(chunk);
      yield chunk;
    }
  }

  digest(): StoredData {
    return { size: this.size, md5: this.md5?.digest('hex') ?? '', sha512: this.sha512.digest('hex') };
  }
}
