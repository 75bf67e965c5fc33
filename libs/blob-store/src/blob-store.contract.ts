import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { before, describe, test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import type { BlobStore } from './blob-store.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const kindOf = (err: unknown) => (err instanceof DomainError ? err.kind : String(err));

/** A readable of `size` pseudo-random bytes made on the fly, with its MD5. */
export function generatedBody(size: number, seed = 1): { body: () => Readable; md5: string } {
  const block = createHash('sha512').update(String(seed)).digest();
  const chunk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < chunk.length; i++) {
    chunk[i] = (block[i % block.length] ?? 0) ^ (i >> 8);
  }
  const make = () =>
    Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += chunk.length) {
          yield chunk.subarray(0, Math.min(chunk.length, size - sent));
        }
      })(),
    );
  const h = createHash('md5');
  for (let sent = 0; sent < size; sent += chunk.length) {
    h.update(chunk.subarray(0, Math.min(chunk.length, size - sent)));
  }
  return { body: make, md5: h.digest('hex') };
}

/** A body that sends `prefix` and then fails, like a client that disconnects mid-upload. */
function failingBody(prefix: Buffer): Readable {
  return new Readable({
    read() {
      if (prefix.length > 0) {
        this.push(prefix);
        prefix = Buffer.alloc(0);
      } else {
        this.destroy(new Error('client went away'));
      }
    },
  });
}

type Case = [name: string, run: (store: BlobStore, key: (label: string) => string) => Promise<void>];

/** Each invariant of the BlobStore interface, as one test. */
const CASES: Case[] = [
  ['put returns the MD5 and size; get returns the same bytes', async (store, key) => {
    const data = randomBytes(100_003);
    const k = key('roundtrip');
    assert.deepEqual(await store.put(k, Readable.from([data])), { etag: md5(data), size: data.length });
    assert.ok((await buffer(await store.get(k))).equals(data));
    assert.deepEqual(await store.stat(k), { size: data.length });
  }],
  ['an empty body is a blob of zero bytes', async (store, key) => {
    const k = key('empty');
    assert.deepEqual(await store.put(k, Readable.from([])), { etag: md5(Buffer.alloc(0)), size: 0 });
    assert.equal((await buffer(await store.get(k))).length, 0);
  }],
  ['a large body streams through intact', async (store, key) => {
    const gen = generatedBody(24 * 1024 * 1024 + 17);
    const k = key('large');
    const put = await store.put(k, gen.body(), { size: 24 * 1024 * 1024 + 17 });
    assert.equal(put.etag, gen.md5);
    const h = createHash('md5');
    for await (const c of await store.get(k)) {
      h.update(c as Buffer);
    }
    assert.equal(h.digest('hex'), gen.md5);
  }],
  ['ranges are inclusive; ranges outside the blob are refused', async (store, key) => {
    const data = randomBytes(10_000);
    const k = key('range');
    await store.put(k, Readable.from([data]));
    assert.ok((await buffer(await store.get(k, { start: 0, end: 0 }))).equals(data.subarray(0, 1)));
    assert.ok((await buffer(await store.get(k, { start: 100, end: 9999 }))).equals(data.subarray(100)));
    assert.ok((await buffer(await store.get(k, { start: 5000, end: 5009 }))).equals(data.subarray(5000, 5010)));
    await assert.rejects(store.get(k, { start: 10_000, end: 10_001 }), (e) => kindOf(e) === 'range_not_satisfiable');
  }],
  ['getBytes returns small blobs and ranges whole, with get\'s errors', async (store, key) => {
    const data = randomBytes(4096);
    const k = key('bytes');
    assert.deepEqual(await store.put(k, Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { size: 4096 }), { etag: md5(data), size: 4096 });
    assert.ok((await store.getBytes(k)).equals(data));
    assert.ok((await store.getBytes(k, { start: 10, end: 4095 })).equals(data.subarray(10)));
    await assert.rejects(store.getBytes(k, { start: 4000, end: 4096 }), (e) => kindOf(e) === 'range_not_satisfiable');
    await assert.rejects(store.getBytes(key('bytes-missing')), (e) => kindOf(e) === 'not_found');
    const empty = key('bytes-empty');
    await store.put(empty, Readable.from([]), { size: 0 });
    assert.equal((await store.getBytes(empty)).length, 0);
  }],
  ['unknown keys: get rejects not_found, stat is undefined, delete is a no-op', async (store, key) => {
    const k = key('missing');
    await assert.rejects(store.get(k), (e) => kindOf(e) === 'not_found');
    assert.equal(await store.stat(k), undefined);
    await store.delete(k);
  }],
  ['overwrite replaces; delete removes and is idempotent', async (store, key) => {
    const k = key('overwrite');
    await store.put(k, Readable.from([Buffer.from('first')]));
    await store.put(k, Readable.from([Buffer.from('second!')]));
    assert.equal((await buffer(await store.get(k))).toString(), 'second!');
    await store.delete(k);
    await store.delete(k);
    await assert.rejects(store.get(k), (e) => kindOf(e) === 'not_found');
  }],
  ['a body that fails mid-way stores nothing and keeps the previous blob', async (store, key) => {
    const k = key('failing');
    await store.put(k, Readable.from([Buffer.from('keep me')]));
    await assert.rejects(store.put(k, failingBody(randomBytes(70_000))));
    assert.equal((await buffer(await store.get(k))).toString(), 'keep me');
    // with a declared size, small and large (the filesystem store writes those two differently)
    await assert.rejects(store.put(k, failingBody(randomBytes(1000)), { size: 4096 }));
    await assert.rejects(store.put(k, failingBody(randomBytes(70_000)), { size: 200_000 }));
    assert.equal((await buffer(await store.get(k))).toString(), 'keep me');
    const fresh = key('failing-new');
    await assert.rejects(store.put(fresh, failingBody(randomBytes(1000))));
    await assert.rejects(store.put(fresh, failingBody(randomBytes(1000)), { size: 2000 }));
    assert.equal(await store.stat(fresh), undefined);
  }],
  ['size and MD5 mismatches and oversized bodies store nothing', async (store, key) => {
    const data = randomBytes(5000);
    const k = key('mismatch');
    await store.put(k, Readable.from([Buffer.from('old')]));
    await assert.rejects(store.put(k, Readable.from([data]), { size: 4999 }), (e) => kindOf(e) === 'unprocessable');
    await assert.rejects(store.put(k, Readable.from([data]), { size: 5001 }), (e) => kindOf(e) === 'unprocessable');
    await assert.rejects(store.put(k, Readable.from([data]), { md5: md5(Buffer.from('x')) }), (e) => kindOf(e) === 'unprocessable');
    await assert.rejects(store.put(k, Readable.from([data]), { maxSize: 4000 }), (e) => kindOf(e) === 'payload_too_large');
    await assert.rejects(store.put(k, Readable.from([data]), { size: 5000, maxSize: 4000 }), (e) => kindOf(e) === 'payload_too_large');
    const big = randomBytes(100_000);
    await assert.rejects(store.put(k, Readable.from([big]), { size: 99_999 }), (e) => kindOf(e) === 'unprocessable');
    assert.equal((await buffer(await store.get(k))).toString(), 'old');
    assert.equal((await store.put(k, Readable.from([data]), { size: 5000, md5: md5(data) })).size, 5000);
  }],
  ['concurrent puts of different keys all land', async (store, key) => {
    const items = Array.from({ length: 24 }, (_, i) => ({ k: key(`conc-${i}`), data: randomBytes(4096 + i) }));
    await Promise.all(items.map((it) => store.put(it.k, Readable.from([it.data]))));
    for (const it of items) {
      assert.ok((await buffer(await store.get(it.k))).equals(it.data));
    }
  }],
  ['invalid keys are refused', async (store) => {
    for (const bad of ['', '../x', 'a//b', 'a/./b', 'sp ace', 'x'.repeat(513)]) {
      await assert.rejects(store.put(bad, Readable.from([Buffer.from('x')])), (e) => kindOf(e) === 'bad_request', bad);
    }
  }],
  ['check passes on a working store', async (store) => {
    await store.check();
  }],
];

/**
 * The behaviour every BlobStore must have (see the interface's JSDoc). Run it from each
 * implementation's test file: `describeBlobStore('fs', async () => new FsBlobStore(dir))`.
 */
export function describeBlobStore(name: string, make: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    const key = (label: string) => `contract/${label}-${randomUUID()}`;
    before(async () => {
      store = await make();
      await store.init();
    });
    for (const [title, run] of CASES) {
      test(title, () => run(store, key));
    }
  });
}
