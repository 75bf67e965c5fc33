import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asyncOf } from '../testing/async-of.js';
import { rechunk } from './rechunk.js';

async function sizes(input: number[], size: number): Promise<{ sizes: number[]; bytes: Buffer }> {
  let n = 0;
  const src = asyncOf(input.map((len) => Buffer.from(Array.from({ length: len }, () => n++ % 256))));
  const out: Buffer[] = [];
  for await (const c of rechunk(src, size)) {
    out.push(Buffer.from(c));
  }
  return { sizes: out.map((c) => c.length), bytes: Buffer.concat(out) };
}

test('small pieces are gathered and large ones split, bytes in order', async () => {
  const r = await sizes([3, 3, 3, 10, 1], 4);
  assert.deepEqual(r.sizes, [4, 4, 4, 4, 4]);
  assert.deepEqual([...r.bytes], Array.from({ length: 20 }, (_, i) => i));
  assert.deepEqual((await sizes([5], 4)).sizes, [4, 1]);
  assert.deepEqual((await sizes([], 4)).sizes, []);
});
