import { createHash } from 'node:crypto';
import type { StoredData } from './image-store.js';

/** MD5 and SHA-512 of everything passed through, and its length, computed chunk by chunk. */
export class StreamHasher {
  private readonly md5 = createHash('md5');
  private readonly sha512 = createHash('sha512');
  private size = 0;

  update(chunk: Uint8Array): void {
    this.md5.update(chunk);
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
    return { size: this.size, md5: this.md5.digest('hex'), sha512: this.sha512.digest('hex') };
  }
}
