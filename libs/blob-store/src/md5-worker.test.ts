import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { BLOCK_BYTES, MAX_QUEUED_BLOCKS, OffThreadMd5 } from './md5-worker.js';

const md5 = (...parts: Buffer[]) => {
  const h = createHash('md5');
  parts.forEach((p) => h.update(p));
  return h.digest('hex');
};

/** Copies `data` into the hash's blocks and sends them, as the filesystem store does. */
function send(h: OffThreadMd5, data: Buffer): void {
  for (let off = 0; off < data.length; off += BLOCK_BYTES) {
    const block = h.block();
    const n = data.copy(block, 0, off, Math.min(data.length, off + BLOCK_BYTES));
    h.update([{ buf: block, length: n }]);
  }
}

test('interleaved hashes in the worker each get the MD5 of their own bytes, in order', async () => {
  const a = [randomBytes(BLOCK_BYTES), randomBytes(70_000), randomBytes(3)];
  const b = [randomBytes(5000), randomBytes(2 * BLOCK_BYTES + 1)];
  const h1 = new OffThreadMd5();
  const h2 = new OffThreadMd5();
  send(h1, a[0]);
  send(h2, b[0]);
  send(h1, a[1]);
  send(h2, b[1]);
  send(h1, a[2]);
  assert.deepEqual(await Promise.all([h1.digest(), h2.digest()]), [md5(...a), md5(...b)]);
  assert.equal(await new OffThreadMd5().digest(), md5());
});

test('blocks come back from the worker and are reused; a dropped hash leaves others intact', async () => {
  const data = randomBytes(BLOCK_BYTES * 3);
  const dropped = new OffThreadMd5();
  send(dropped, randomBytes(1000));
  dropped.drop();
  const h = new OffThreadMd5();
  send(h, data);
  assert.equal(await h.digest(), md5(data));
  // a recycled block arrives with the bytes of an earlier upload: only `length` bytes count
  const again = new OffThreadMd5();
  const block = again.block();
  assert.equal(block.length, BLOCK_BYTES);
  block.write('abc');
  again.update([{ buf: block, length: 3 }]);
  assert.equal(await again.digest(), md5(Buffer.from('abc')));
});

test('capacity: a hash may queue MAX_QUEUED_BLOCKS blocks in the worker; the next waits until one is hashed', async () => {
  const h = new OffThreadMd5();
  const parts: Buffer[] = [];
  for (let i = 0; i < MAX_QUEUED_BLOCKS; i++) {
    assert.equal(h.capacity(), undefined, `room for block ${i + 1}`);
    const block = h.block();
    const data = randomBytes(BLOCK_BYTES);
    data.copy(block);
    parts.push(data);
    h.update([{ buf: block, length: BLOCK_BYTES }]);
  }
  const wait = h.capacity();
  assert.ok(wait instanceof Promise, 'a full queue makes the sender wait');
  await wait;
  assert.equal(h.capacity(), undefined, 'room again once the worker hashed a block');
  assert.equal(await h.digest(), md5(...parts));
});

test('update: several blocks in one message hash in order; room() counts them against MAX_QUEUED_BLOCKS', async () => {
  const h = new OffThreadMd5();
  assert.equal(h.room(), MAX_QUEUED_BLOCKS);
  const parts = [randomBytes(BLOCK_BYTES), randomBytes(10), randomBytes(BLOCK_BYTES - 1)];
  const blocks = parts.map((p) => {
    const buf = h.block();
    p.copy(buf);
    return { buf, length: p.length };
  });
  h.update(blocks.slice(0, 2));
  assert.equal(h.room(), MAX_QUEUED_BLOCKS - 2, 'both blocks of the batch count');
  h.update(blocks.slice(2));
  assert.equal(await h.digest(), md5(...parts));
});

test('a process that started the worker and hashed nothing exits on its own', { timeout: 30_000 }, () => {
  // A script file, not `node -e`: evaluated with -e, the process exited even when the idle
  // worker was referenced. The timer keeps it up until the worker is online, as a service's would.
  const dir = mkdtempSync(join(tmpdir(), 'md5-worker-'));
  try {
    const script = join(dir, 'idle.mjs');
    const url = new URL('./md5-worker.js', import.meta.url).href;
    writeFileSync(script, `(await import(${JSON.stringify(url)})).startMd5Worker();\nsetTimeout(() => undefined, 500);\n`);
    const run = spawnSync(process.execPath, [script], { timeout: 15_000 });
    assert.equal(run.signal, null, 'still running after 15 s: the idle worker keeps the process alive');
    assert.equal(run.status, 0, run.stderr.toString());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
