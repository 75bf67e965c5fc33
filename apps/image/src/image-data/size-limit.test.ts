import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImageSizeMismatch, ImageTooLarge } from './image-data.errors.js';
import { asyncOf } from '../testing/async-of.js';
import { limitSize } from './size-limit.js';

const chunks = (...sizes: number[]) => asyncOf(sizes.map((n) => new Uint8Array(n)));

async function drain(it: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const c of it) {
    n += c.length;
  }
  return n;
}

test('data within the limit passes through', async () => {
  assert.equal(await drain(limitSize(chunks(3, 4), 7)), 7);
  assert.equal(await drain(limitSize(chunks(3, 4), 10, 7)), 7);
});

test('data beyond the limit fails at the chunk that crosses it', async () => {
  let pulled = 0;
  async function* counted() {
    for await (const c of chunks(4, 4, 4, 4)) {
      pulled++;
      yield c;
    }
  }
  await assert.rejects(drain(limitSize(counted(), 6)), ImageTooLarge);
  assert.equal(pulled, 2);
});

test('a body longer or shorter than its Content-Length fails', async () => {
  await assert.rejects(drain(limitSize(chunks(3, 4), 100, 5)), ImageSizeMismatch);
  await assert.rejects(drain(limitSize(chunks(3), 100, 5)), ImageSizeMismatch);
});
