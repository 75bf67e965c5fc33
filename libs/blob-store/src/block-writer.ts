import type { FileHandle } from 'node:fs/promises';
import { finished, type Readable } from 'node:stream';
import type { PutOptions } from './blob-store.js';
import { overLimit } from './hashing-stream.js';
import { OffThreadMd5, type FilledBlock } from './md5-worker.js';

/**
 * Dirty bytes after which a background fdatasync starts while the body keeps streaming,
 * so the disk writes back during the upload instead of all at the final fsync (which
 * otherwise takes as long again as the upload for a large blob).
 */
const WRITEBACK_EVERY = 16 << 20;

/**
 * Full blocks held between the body and the MD5 worker (waiting to be written, being
 * written, or written and waiting for room in the worker), at most. The body is paused
 * while there are this many: memory stays flat whatever the client's speed.
 */
export const MAX_HELD_BLOCKS = 4;

/**
 * Blocks in the order they fill: written with one pwritev at a time (every full block
 * waiting, coalesced), then each goes in order to the MD5 worker, with at most
 * MAX_QUEUED_BLOCKS of them waiting there.
 *
 * One write at a time, not several: writes to one file take its inode lock in turn
 * anyway, and with four 1 MiB writes in flight the thread pool spun on that lock.
 * `append` is synchronous and allocates no promise unless the caller must wait: a 256 MiB
 * upload arrives in 4,096 chunks of 64 KiB, and a promise chain per chunk (an async
 * iterator, a generator, an async append) cost the event loop more than copying the bytes.
 */
class BlockWriter {
  private readonly md5 = new OffThreadMd5();
  private readonly sync: Writeback;
  /** Full, not written yet. */
  private readonly queued: Block[] = [];
  /** Being written (at most one batch). */
  private writing: Block[] = [];
  /** Written, waiting for room in the MD5 worker. */
  private readonly written: Block[] = [];
  private waitingForMd5 = false;
  private block: Buffer;
  private filled = 0;
  private position = 0;
  private failure: { err: unknown } | undefined;
  private wakers: (() => void)[] = [];

  constructor(private readonly fh: FileHandle) {
    this.sync = new Writeback(fh);
    this.block = this.md5.block();
  }

  /**
   * Copies `buf` into blocks, starting writes as they fill. Returns a promise when
   * MAX_HELD_BLOCKS blocks are held: the caller feeds nothing more until it resolves (it
   * rejects once a write has failed). Undefined: go on.
   */
  append(buf: Buffer): Promise<void> | undefined {
    for (let off = 0; off < buf.length; ) {
      const n = buf.copy(this.block, this.filled, off);
      this.filled += n;
      off += n;
      if (this.filled === this.block.length) {
        this.enqueue();
      }
    }
    return this.held() >= MAX_HELD_BLOCKS || this.failure ? this.room() : undefined;
  }

  /** Writes what is left and waits until every block is written and with the worker. */
  async finish(): Promise<void> {
    if (this.filled > 0) {
      this.enqueue();
    }
    while (this.held() > 0 && !this.failure) {
      await this.change();
    }
    if (this.failure) {
      throw this.failure.err;
    }
    await this.sync.settled();
    this.md5.giveBack(this.block);
  }

  /** The MD5 (hex) of everything appended, once the worker has hashed it; after `finish`. */
  digest(): Promise<string> {
    return this.md5.digest();
  }

  /** After a failure: the write running owns its blocks until it settles; then all are let go. */
  async abandon(): Promise<void> {
    this.failure ??= { err: new Error('abandoned') };
    while (this.writing.length > 0) {
      await this.change();
    }
    for (const b of [...this.queued.splice(0), ...this.written.splice(0)]) {
      this.md5.giveBack(b.buf);
    }
    this.md5.giveBack(this.block);
    this.md5.drop();
    await this.sync.settled();
  }

  private held(): number {
    return this.queued.length + this.writing.length + this.written.length;
  }

  private enqueue(): void {
    this.queued.push({ buf: this.block, length: this.filled });
    this.block = this.md5.block();
    this.filled = 0;
    this.pump();
  }

  /** Starts the next write when none is running: every queued block, at once. */
  private pump(): void {
    if (this.writing.length > 0 || this.queued.length === 0 || this.failure) {
      return;
    }
    const batch = this.queued.splice(0);
    const at = this.position;
    const bytes = batch.reduce((n, b) => n + b.length, 0);
    this.position += bytes;
    this.writing = batch;
    writevAll(this.fh, batch, at).then(
      () => {
        this.writing = [];
        this.written.push(...batch);
        this.sync.wrote(bytes);
        this.feedMd5();
        this.pump();
        this.wake();
      },
      (err: unknown) => {
        this.writing = [];
        this.queued.unshift(...batch);
        this.failure ??= { err };
        this.wake();
      },
    );
  }

  /**
   * Hands written blocks to the worker, in order, as many at once as it has room for (one
   * message each way per batch, not per block).
   */
  private feedMd5(): void {
    while (this.written.length > 0 && !this.waitingForMd5 && !this.failure) {
      const room = this.md5.room();
      if (room > 0) {
        this.md5.update(this.written.splice(0, room));
        continue;
      }
      this.waitingForMd5 = true;
      // No room means a full queue, for which capacity() always has a promise.
      void (this.md5.capacity() ?? Promise.resolve()).then(() => {
        this.waitingForMd5 = false;
        this.feedMd5();
        this.wake();
      });
    }
  }

  /** Resolves once fewer than MAX_HELD_BLOCKS blocks are held; rejects after a failure. */
  private async room(): Promise<void> {
    while (this.held() >= MAX_HELD_BLOCKS && !this.failure) {
      await this.change();
    }
    if (this.failure) {
      throw this.failure.err;
    }
  }

  /** The next change of state: a write settled, or the worker took a block. */
  private change(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    wakers.forEach((w) => w());
  }
}

type Block = FilledBlock;

/** Writes the blocks' bytes at `at` with pwritev, again from where a short write stopped. */
async function writevAll(fh: FileHandle, blocks: Block[], at: number): Promise<void> {
  const parts = blocks.map((b) => b.buf.subarray(0, b.length));
  while (parts.length > 0) {
    let n = (await fh.writev(parts, at)).bytesWritten;
    at += n;
    for (let first = parts[0]; first && n >= first.length; first = parts[0]) {
      n -= first.length;
      parts.shift();
    }
    if (n > 0 && parts[0]) {
      parts[0] = parts[0].subarray(n);
    }
  }
}

/** Background fdatasyncs every WRITEBACK_EVERY bytes, one at a time. */
class Writeback {
  private dirty = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly fh: FileHandle) {}

  wrote(bytes: number): void {
    this.dirty += bytes;
    if (this.dirty >= WRITEBACK_EVERY && !this.running) {
      this.dirty = 0;
      this.running = this.fh.datasync().finally(() => (this.running = undefined));
    }
  }

  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}

type Written = { size: number; etag: Promise<string> };

/**
 * Streams `body` into `fh`: the bytes are copied into blocks of the MD5 worker
 * (BLOCK_BYTES), which {@link BlockWriter} writes and then hashes. The body is read with
 * 'data' events and paused while the writer holds MAX_HELD_BLOCKS blocks (backpressure),
 * so memory stays flat for any size and any client speed. Rejects with BlobRejected as
 * soon as the body exceeds opts' size or maximum, or with the body's or the disk's error,
 * leaving the body paused for the caller to destroy. The digest may still be computing
 * when this returns.
 */
export function writeAll(fh: FileHandle, body: Readable, opts: PutOptions): Promise<Written> {
  return new Promise((resolve, reject) => new BodyFeed(new BlockWriter(fh), body, opts, resolve, reject).start());
}

/** One body read into a BlockWriter: its listeners, its byte count, and how it ends. */
class BodyFeed {
  private size = 0;
  private settled = false;
  private stopWatching: () => void = () => undefined;

  constructor(
    private readonly out: BlockWriter,
    private readonly body: Readable,
    private readonly opts: PutOptions,
    private readonly resolve: (w: Written) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  start(): void {
    this.stopWatching = finished(this.body, { writable: false }, (err) => (err ? this.fail(err) : this.end()));
    this.body.on('data', this.onData);
    this.body.resume(); // a body paused before it came here would otherwise never flow
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.settled) {
      return;
    }
    this.size += chunk.length;
    const over = overLimit(this.size, this.opts);
    if (over) {
      this.fail(over);
      return;
    }
    const room = this.out.append(chunk);
    if (room) {
      this.body.pause();
      room.then(() => this.settled || this.body.resume(), (err: unknown) => this.fail(err));
    }
  };

  private end(): void {
    if (this.stop()) {
      this.out.finish().then(
        () => this.resolve({ size: this.size, etag: this.out.digest() }),
        (err: unknown) => this.abandon(err),
      );
    }
  }

  private fail(err: unknown): void {
    if (this.stop()) {
      this.body.pause(); // without a 'data' listener a flowing body would be read on and dropped
      this.abandon(err);
    }
  }

  private abandon(err: unknown): void {
    void this.out.abandon().then(() => this.reject(err instanceof Error ? err : new Error(String(err))));
  }

  /** True the first time: the body is no longer listened to. */
  private stop(): boolean {
    if (this.settled) {
      return false;
    }
    this.settled = true;
    this.body.off('data', this.onData);
    this.stopWatching();
    return true;
  }
}
