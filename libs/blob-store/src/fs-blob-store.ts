import { createHash, randomUUID } from 'node:crypto';
import { close, closeSync, constants, createReadStream, fdatasync, fstatSync, open as openFd, openSync, readSync, rename as renameFd, unlink as unlinkFd, writev } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loggerFor } from '@tinystack/logging';
import { assertBlobKey, assertRange, placementOf, BlobNotFound, type BlobStat, type BlobStore, type ByteRange, type PutOptions, type PutResult } from './blob-store.js';
import { DirSyncer, fsyncPath } from './dir-syncer.js';
import { boundedChunks, checkedDigest } from './hashing-stream.js';
import { writeAll } from './block-writer.js';
import { startMd5Worker } from './md5-worker.js';

const FANOUT = 256;
const READ_CHUNK = 1 << 20;
const MIN_READ_CHUNK = 16 * 1024;
const fsp = {
  open: promisify(openFd),
  writev: promisify(writev),
  fdatasync: promisify(fdatasync),
  close: promisify(close),
  rename: promisify(renameFd),
  unlink: promisify(unlinkFd),
};
const O_DSYNC = constants.O_DSYNC ?? 0;
/**
 * Small blobs are written with O_DSYNC: each write returns once its bytes and the metadata
 * needed to read them back (size, block map) are on disk, what fdatasync(2) guarantees,
 * without a separate call through the thread pool. A new file needs nothing more; its name
 * becomes durable with the directory fsync after the rename.
 */
const SMALL_WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_DSYNC;
/** Reads do not update the access time (a journal write on ext4 at the first read of a new file). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOATIME ?? 0);

/**
 * Small blobs (up to this size) skip the stream machinery. A write collects the body,
 * hashes it once and writes it with one writev; every call that touches file system
 * metadata or waits for the disk still runs in the thread pool, since on ext4 a create or
 * rename can wait behind another request's fsync. A read is open + fstat + read + close
 * made directly on the event loop: for a file in the page cache that costs about 13 µs of
 * CPU, against about 225 µs for the same read through fs/promises and a read stream.
 */
export const SMALL_BLOB_BYTES = 64 * 1024;

/**
 * Blobs as files under `root` (Swift's DiskFile): `root/data/<2 hex>/<sha256(key)>`, the
 * directory being the hash's first two hex digits or a freshBlobKey's placement hint,
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
    startMd5Worker();
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
    if (opts.size !== undefined && opts.size <= SMALL_BLOB_BYTES) {
      return this.putSmall(dir, file, body, opts);
    }
    const tmp = join(this.tmpDir, randomUUID());
    const fh = await open(tmp, 'wx', 0o600);
    let result: PutResult;
    try {
      const written = await writeAll(fh, body, opts);
      // The worker finishes the MD5 while the disk finishes the writes.
      const [etag] = await Promise.all([written.etag.then((e) => checkedDigest(e, written.size, opts)), fh.sync()]);
      result = { etag, size: written.size };
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

  /** A small body (its declared size at most SMALL_BLOB_BYTES): collected, then written at once. */
  private async putSmall(dir: string, file: string, body: Readable, opts: PutOptions): Promise<PutResult> {
    const chunks: Buffer[] = [];
    const hash = createHash('md5');
    let size = 0;
    try {
      for await (const buf of boundedChunks(body, opts)) {
        size += buf.length;
        hash.update(buf);
        chunks.push(buf);
      }
    } catch (err) {
      body.destroy();
      throw err;
    }
    const etag = checkedDigest(hash.digest('hex'), size, opts);
    const tmp = join(this.tmpDir, randomUUID());
    const fd = await fsp.open(tmp, SMALL_WRITE_FLAGS, 0o600);
    try {
      let written = 0;
      while (written < size) {
        written += (await fsp.writev(fd, written === 0 ? chunks : [Buffer.concat(chunks).subarray(written)])).bytesWritten;
      }
      if (!O_DSYNC || size === 0) {
        await fsp.fdatasync(fd);
      }
    } catch (err) {
      await fsp.close(fd).catch(() => undefined);
      await fsp.unlink(tmp).catch(() => undefined);
      throw err;
    }
    // close(2) of a regular file waits for nothing here (the bytes are already durable):
    // made directly, it spares a trip through the thread pool.
    closeSync(fd);
    await fsp.rename(tmp, file);
    await this.dirs.sync(dir);
    return { etag, size };
  }

  getBytes(key: string, range?: ByteRange): Promise<Buffer> {
    return new Promise((resolve) => resolve(this.readSmall(key, range)));
  }

  private readSmall(key: string, range?: ByteRange): Buffer {
    const { file } = this.pathOf(key);
    let fd: number;
    try {
      fd = openReadable(file);
    } catch (err) {
      throw isMissing(err) ? new BlobNotFound(key) : err;
    }
    try {
      const size = fstatSync(fd).size;
      if (range) {
        assertRange(range, size);
      }
      const start = range?.start ?? 0;
      const length = (range?.end ?? size - 1) - start + 1;
      if (length > SMALL_BLOB_BYTES) {
        throw new RangeError(`getBytes reads at most ${SMALL_BLOB_BYTES} bytes, not ${length}`);
      }
      const out = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, out, got, length - got, start + got);
        if (n === 0) {
          break;
        }
        got += n;
      }
      return got === length ? out : out.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const { file } = this.pathOf(key);
    let fh: FileHandle;
    try {
      fh = await openForRead(file);
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
    const dir = join(this.dataDir, placementOf(key) ?? h.slice(0, 2));
    return { dir, file: join(dir, h) };
  }
}

/** {@link openReadable}, through the thread pool. */
async function openForRead(file: string): Promise<FileHandle> {
  try {
    return await open(file, READ_FLAGS);
  } catch (err) {
    if ((err as { code?: string }).code === 'EPERM') {
      return open(file, 'r');
    }
    throw err;
  }
}

/** Opens for reading without touching the access time; plain O_RDONLY where the kernel refuses O_NOATIME (not the owner). */
function openReadable(file: string): number {
  try {
    return openSync(file, READ_FLAGS);
  } catch (err) {
    if ((err as { code?: string }).code === 'EPERM') {
      return openSync(file, 'r');
    }
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  return (err as { code?: string }).code === 'ENOENT';
}
