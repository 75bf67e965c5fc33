import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReadCache } from './read-cache.js';

test('read-through, invalidated by writes, and a load racing a write is not kept', async () => {
  const cache = new ReadCache();
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  assert.equal(await cache.get('k', load), 1);
  assert.equal(await cache.get('k', load), 1);
  cache.invalidate();
  assert.equal(await cache.get('k', load), 2);
  let release: () => void = () => undefined;
  const slow = cache.get('k2', () => new Promise<number>((r) => (release = () => r(41))));
  cache.invalidate();
  release();
  assert.equal(await slow, 41);
  assert.equal(
    await cache.get('k2', () => Promise.resolve(42)),
    42,
    'the racing value was dropped',
  );
  await assert.rejects(cache.get('bad', () => Promise.reject(new Error('x'))));
  assert.equal(
    await cache.get('bad', () => Promise.resolve('ok')),
    'ok',
    'failures are not cached',
  );
});
