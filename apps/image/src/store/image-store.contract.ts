import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { isDomainError } from '@tinystack/errors';
import { asyncOf } from '../testing/async-of.js';
import type { ImageStore } from './image-store.js';

function chunks(data: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += size) {
    parts.push(data.subarray(off, off + size));
  }
  return asyncOf(parts);
}

async function* failingAfter(data: Buffer, bytes: number): AsyncGenerator<Uint8Array> {
  yield data.subarray(0, bytes);
  await new Promise((r) => setTimeout(r, 10));
  throw new Error('client went away');
}

async function readAll(store: ImageStore, key: string, range?: { start: number; end: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await store.get(key, range)) {
    parts.push(Buffer.from(c as Uint8Array));
  }
  return Buffer.concat(parts);
}

const isNotFound = (err: unknown) => isDomainError(err) && err.kind === 'not_found';

async function streamsAndHashes(store: ImageStore): Promise<void> {
  const data = randomBytes(3 * 1024 * 1024 + 123);
  const stored = await store.put('contract-a', chunks(data), { size: data.length });
  assert.deepEqual(stored, {
    size: data.length,
    md5: createHash('md5').update(data).digest('hex'),
    sha512: createHash('sha512').update(data).digest('hex'),
  });
  assert.ok((await readAll(store, 'contract-a')).equals(data));
  assert.ok((await readAll(store, 'contract-a', { start: 1000, end: 1_500_999 })).equals(data.subarray(1000, 1_501_000)));
  await store.delete('contract-a');
}

async function emptyAndReplaced(store: ImageStore): Promise<void> {
  assert.equal((await store.put('contract-b', chunks(Buffer.alloc(0)))).md5, createHash('md5').digest('hex'));
  assert.equal((await readAll(store, 'contract-b')).length, 0);
  await store.put('contract-b', chunks(Buffer.from('second')));
  assert.equal((await readAll(store, 'contract-b')).toString(), 'second');
  await store.delete('contract-b');
}

async function failedPutLeavesNothing(store: ImageStore): Promise<void> {
  await assert.rejects(store.put('contract-c', failingAfter(randomBytes(2 * 1024 * 1024), 1024 * 1024)));
  await new Promise((r) => setTimeout(r, 200));
  await assert.rejects(store.get('contract-c'), isNotFound);
}

async function abortedPutLeavesNothing(store: ImageStore): Promise<void> {
  const abort = new AbortController();
  const slow = (async function* () {
    yield randomBytes(1024 * 1024);
    abort.abort();
    await new Promise((r) => setTimeout(r, 50));
    yield randomBytes(1024 * 1024);
  })();
  await assert.rejects(store.put('contract-d', slow, { signal: abort.signal }));
  await new Promise((r) => setTimeout(r, 200));
  await assert.rejects(store.get('contract-d'), isNotFound);
}

async function deletes(store: ImageStore): Promise<void> {
  await store.put('contract-e', chunks(Buffer.from('x')));
  const listed = [];
  for await (const k of store.list()) {
    listed.push(k);
  }
  const e = listed.find((k) => k.key === 'contract-e');
  assert.ok(e && Math.abs(e.writtenAt - Date.now()) < 60_000, 'listed with its write time');
  await store.delete('contract-e');
  await assert.rejects(store.get('contract-e'), isNotFound);
  await store.delete('contract-e');
  await store.check();
}

/**
 * The contract every ImageStore passes (see image-store.ts): streamed puts hashed on the
 * way, ranges, replacement, deletes, and nothing left behind by a failed or aborted put.
 */
export function describeImageStore(name: string, make: () => Promise<ImageStore>): void {
  describe(`ImageStore contract: ${name}`, () => {
    test('put streams, hashes and stores; get returns the same bytes, whole or a range', async () => streamsAndHashes(await make()));
    test('an empty image, and a put that replaces', async () => emptyAndReplaced(await make()));
    test('a put whose source fails leaves nothing', async () => failedPutLeavesNothing(await make()));
    test('an aborted put leaves nothing', async () => abortedPutLeavesNothing(await make()));
    test('delete removes; deleting or reading a missing key', async () => deletes(await make()));
  });
}
