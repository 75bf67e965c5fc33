import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'node:test';
import { MAX_HELD_BLOCKS, writeAll } from './block-writer.js';
import { BLOCK_BYTES } from './md5-worker.js';

const CHUNK = 64 * 1024;

/** A body of `size` bytes in 64 KiB chunks, made as it is read; `produced` counts what it handed out. */
function countingBody(size: number): { body: Readable; produced: () => number; bytes: () => Buffer } {
  let produced = 0;
  const parts: Buffer[] = [];
  const body = new Readable({
    read() {
      if (produced >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(CHUNK, size - produced), produced / CHUNK);
      produced += chunk.length;
      parts.push(chunk);
      this.push(chunk);
    },
  });
  return { body, produced: () => produced, bytes: () => Buffer.concat(parts) };
}

/**
 * A real file whose writes wait until `release()` (or fail when `fail` is set): the disk's
 * speed is what backpressure reacts to, and a real disk cannot be made to stall on cue.
 */
async function gatedFile(dir: string) {
  const fh = await open(join(dir, 'blob'), 'w');
  const gate = opened();
  let failWith: Error | undefined;
  let writes = 0;
  const gated = {
    writev: async (bufs: Buffer[], position: number) => {
      writes++;
      await gate.promise;
      if (failWith) {
        throw failWith;
      }
      return fh.writev(bufs, position);
    },
    datasync: () => fh.datasync(),
  } as unknown as FileHandle;
  return {
    fh: gated,
    writes: () => writes,
    release: () => gate.resolve(),
    fail: (err: Error) => {
      failWith = err;
      gate.resolve();
    },
    close: () => fh.close(),
  };
}

/** Runs `fn` with a temporary directory, removed afterwards. */
async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'block-writer-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A promise and its resolve function. */
function opened(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await tick();
  }
}

test('a body faster than the disk is paused: at most MAX_HELD_BLOCKS blocks wait, and every byte lands in order', { timeout: 20_000 }, () =>
  inTempDir(async (dir) => {
  const file = await gatedFile(dir);
  const size = 16 * BLOCK_BYTES + 12_345;
  const { body, produced, bytes } = countingBody(size);
  const done = writeAll(file.fh, body, {});
  await settle();
  // One write started and is stalled; reading stopped with the held blocks, the block
  // being filled and what the stream buffers, far short of the body.
  assert.equal(file.writes(), 1);
  assert.ok(produced() <= (MAX_HELD_BLOCKS + 1) * BLOCK_BYTES + 2 * CHUNK, `read ${produced()} bytes while the disk was stalled`);
  file.release();
  const { size: written, etag } = await done;
  assert.equal(written, size);
  await file.close();
  const data = readFileSync(join(dir, 'blob'));
  assert.ok(data.equals(bytes()), 'the file holds the body, in order');
  assert.equal(await etag, createHash('md5').update(data).digest('hex'));
  // Stalled writes were coalesced: fewer pwritev calls than blocks.
  assert.ok(file.writes() < 17, `${file.writes()} writes for 17 blocks`);
  }));

test('a failed write rejects with its error and stops reading the body', { timeout: 20_000 }, () =>
  inTempDir(async (dir) => {
  const file = await gatedFile(dir);
  const { body, produced } = countingBody(64 * BLOCK_BYTES);
  const done = writeAll(file.fh, body, {});
  await settle();
  file.fail(Object.assign(new Error('disk on fire'), { code: 'EIO' }));
  await assert.rejects(done, /disk on fire/);
  const stoppedAt = produced();
  await settle();
  assert.equal(produced(), stoppedAt, 'nothing more is read after the failure');
  assert.ok(stoppedAt < 8 * BLOCK_BYTES);
  await file.close();
  }));

test('a body already paused when it arrives still flows; an empty one is zero bytes', { timeout: 20_000 }, () =>
  inTempDir(async (dir) => {
  const fh = await open(join(dir, 'blob'), 'w');
  const { body, bytes } = countingBody(3 * BLOCK_BYTES + 1);
  body.pause();
  const out = await writeAll(fh, body, {});
  assert.equal(out.size, 3 * BLOCK_BYTES + 1);
  assert.equal(await out.etag, createHash('md5').update(bytes()).digest('hex'));
  const empty = await writeAll(fh, Readable.from([]), {});
  assert.equal(empty.size, 0);
  assert.equal(await empty.etag, createHash('md5').digest('hex'));
  await fh.close();
  }));

test('a body larger than maxSize is refused as soon as it passes the limit', { timeout: 20_000 }, () =>
  inTempDir(async (dir) => {
  const fh = await open(join(dir, 'blob'), 'w');
  const { body, produced } = countingBody(64 * BLOCK_BYTES);
  await assert.rejects(writeAll(fh, body, { maxSize: 2 * BLOCK_BYTES }), (err: Error & { reason?: string }) => err.reason === 'too_large');
  assert.ok(produced() <= 2 * BLOCK_BYTES + 2 * CHUNK);
  await fh.close();
  }));
