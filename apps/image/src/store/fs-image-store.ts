import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { notFound } from '@tinystack/errors';
import { StreamHasher } from './hashing.js';
import type { ByteRange, ImageStore, StoredData, StoredKey } from './image-store.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

function checkKey(key: string): void {
  if (!KEY.test(key)) {
    throw new Error(`invalid image store key ${JSON.stringify(key)}`);
  }
}

/**
 * Image bytes as files in one directory: write to a temporary file, fsync, rename, fsync
 * the directory, so a crash never leaves a half-written image visible. The image service
 * stores through the object store in production; this store serves the tests (a real
 * store with the same streaming and hashing, not a mock) and single-process setups.
 */
export class FsImageStore implements ImageStore {
  constructor(private readonly dir: string) {}

  async put(key: string, body: AsyncIterable<Uint8Array>, opts: { signal?: AbortSignal } = {}): Promise<StoredData> {
    checkKey(key);
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${key}.tmp-${randomBytes(6).toString('hex')}`);
    const hasher = new StreamHasher();
    const file = await open(tmp, 'wx', 0o600);
    try {
      for await (const chunk of hasher.tap(body)) {
        opts.signal?.throwIfAborted();
        await file.write(chunk);
      }
      await file.sync();
      await file.close();
      await rename(tmp, join(this.dir, key));
      await this.syncDir();
      return hasher.digest();
    } catch (err) {
      await file.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    checkKey(key);
    const path = join(this.dir, key);
    try {
      await stat(path);
    } catch {
      throw notFound(`No data stored under ${key}`);
    }
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await unlink(join(this.dir, key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') {
        throw err;
      }
    });
  }

  async *list(): AsyncGenerator<StoredKey> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const key of names.filter((n) => KEY.test(n))) {
      const info = await stat(join(this.dir, key)).catch(() => undefined);
      if (info) {
        yield { key, writtenAt: info.mtimeMs };
      }
    }
  }

  async check(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private async syncDir(): Promise<void> {
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
