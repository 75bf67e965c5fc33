import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRange, RangeNotSatisfiable } from './byte-range.js';

test('single byte ranges as Glance serves them', () => {
  assert.equal(parseRange(undefined, 10), undefined);
  assert.deepEqual(parseRange('bytes=0-4', 10), { start: 0, end: 4 });
  assert.deepEqual(parseRange('bytes=5-', 10), { start: 5, end: 9 });
  assert.deepEqual(parseRange('bytes=-2', 10), { start: 8, end: 9 });
  assert.deepEqual(parseRange('bytes=8-100', 10), { start: 8, end: 9 });
  assert.equal(parseRange('bytes=0-9', 10), undefined, 'the whole image is a plain 200');
  assert.equal(parseRange('bytes=-20', 10), undefined);
});

test('unsatisfiable or malformed ranges are 416 with Content-Range', () => {
  for (const bad of ['bytes=10-', 'bytes=5-2', 'bytes=-0', 'bytes=0-1,3-4', 'items=0-1', 'bytes=-']) {
    assert.throws(() => parseRange(bad, 10), (e: unknown) => {
      assert.ok(e instanceof RangeNotSatisfiable, bad);
      assert.equal(e.headers['Content-Range'], 'bytes */10');
      return true;
    });
  }
});
