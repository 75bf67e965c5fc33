import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageOf } from './paging.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}` }));

test('a page shows `limit` items and names the last as the next marker only when more followed', () => {
  assert.deepEqual(pageOf(ids(3), 5), { items: ids(3) });
  assert.deepEqual(pageOf(ids(5), 5), { items: ids(5) });
  const cut = pageOf(ids(6), 5);
  assert.equal(cut.items.length, 5);
  assert.equal(cut.next, 's4');
  assert.deepEqual(pageOf([], 5), { items: [] });
});
