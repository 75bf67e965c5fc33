import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { objectstoreV1 } from '@tinystack/contracts';
import { encodeChunkMessage } from './object-store-image-store.js';

test('a chunk message encodes exactly as the generated encoder does, for every length class', () => {
  for (const n of [0, 1, 127, 128, 300, 16_383, 16_384, 512 * 1024, 1024 * 1024 + 3]) {
    const chunk = randomBytes(n);
    const fast = encodeChunkMessage(chunk);
    assert.deepEqual(
      fast,
      Buffer.from(objectstoreV1.PutObjectRequest.encode({ chunk }).finish()),
      `length ${n}`,
    );
    assert.deepEqual(Buffer.from(objectstoreV1.PutObjectRequest.decode(fast).chunk ?? []), chunk);
  }
});
