import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { loggerFor } from '@tinystack/logging';
import { assertBlobKey, assertRange, BlobNotFound, type BlobStat, type BlobStore, type ByteRange, type PutOptions, type PutResult } from './blob-store.js';
import { DirSyncer, fsyncPath } from './dir-syncer.js';
import { HashingStream } from './hashing-stream.js';

const FANOUT = 256;
const READ_CHUNK = 1 << 20;
const MIN_READ_CHUNK = 16 * 1024;

/**
 * Blobs as files under `root` (Swift's DiskFile): `root/data/<2 hex>/<sha256(key)>`,
 * written as `root/tmp/<uuid>`, fsynced, renamed into place and the directory fsynced,
 * so a crash or kill -9 at any point leaves either the old blob or the new one, never a
 * partial one; `init()` removes temp files left by interrupted writes.
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs';
  private readonly log = loggerFor('FsBlobStore');
  private readonly dirs = new DirSyncer();
  private readonly dataDir: string;
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.dataDir = join(root, 'data');
    this.tmpDir = join(root, 'tmp');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const existing = new Set(await readdir(this.dataDir));
    const missing = Array.from({ length: FANOUT }, (_, i) => i.toString(16).padStart(2, '0')).filter((d) => !existing.has(d));
    await Promise.all(missing.map((d) => mkdir(join(this.dataDir, d), { mode: 0o700 })));
    await Promise.all([fsyncPath(this.root), fsyncPath(this.dataDir)]);
    if (missing.length > 0) {
      this.log.info({ root: this.root }, 'blob directories created');
    }
  }

  async put(key: string, body: Readable, opts: PutOptions = {}): Promise<PutResult> {
    const { dir, file } = this.pathOf(key);
    const tmp = join(this.tmpDir, randomUUID());
    const fh = await open(tmp, 'wx', 0o600);
    let result: PutResult;
    try {
      result = await writeAll(fh, body, opts);
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      body.destroy();
      throw err;
    }
    await fh.close();
    await rename(tmp, file);
    await this.dirs.sync(dir);
    return result;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const { file } = this.pathOf(key);
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (err) {
      throw isMissing(err) ? new BlobNotFound(key) : err;
    }
    let size: number;
    try {
      size = (await fh.stat()).size;
      if (range) {
        assertRange(range, size);
      }
    } catch (err) {
      await fh.close();
      throw err;
    }
    if (size === 0) {
      await fh.close();
      return Readable.from([]);
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    // A known end spares the read that finds EOF; a buffer no larger than the bytes spares
    // allocating 1 MiB for a 4 KiB object.
    const highWaterMark = Math.min(READ_CHUNK, Math.max(MIN_READ_CHUNK, end - start + 1));
    return createReadStream('', { fd: fh, start, end, highWaterMark });
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    try {
      return { size: (await stat(this.pathOf(key).file)).size };
    } catch (err) {
      if (isMissing(err)) {
        return undefined;
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key).file);
    } catch (err) {
      if (!isMissing(err)) {
        throw err;
      }
    }
  }

  async check(): Promise<void> {
    const probe = join(this.tmpDir, `health-${randomUUID()}`);
    const fh = await open(probe, 'wx', 0o600);
    await fh.close();
    await unlink(probe);
  }

  private pathOf(key: string): { dir: string; file: string } {
    assertBlobKey(key);
    const h = createHash('sha256').update(key).digest('hex');
    const dir = join(this.dataDir, h.slice(0, 2));
    return { dir, file: join(dir, h) };
  }
}

/** Streams `body` into `fh` (awaiting each write: backpressure), hashing on the way. */
async function writeAll(fh: FileHandle, body: Readable, opts: PutOptions): Promise<PutResult> {
  const hashing = new HashingStream(opts);
  pipeline(body, hashing, () => undefined);
  for await (const chunk of hashing) {
    const buf = chunk as Buffer;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
  }
  return { etag: hashing.finish(), size: hashing.size };
}

function isMissing(err: unknown): boolean {
  return (err as { code?: string }).code === 'ENOENT';
}
