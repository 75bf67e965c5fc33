import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterPrefix, walkListing, type ListParams, type NameRange } from './listing.js';

const NAMES = ['a', 'b/1', 'b/2', 'b/c/1', 'c', 'd/1', 'e'].sort();

/** An in-memory page source with the SQL semantics of nameRangeSql. */
function fetchFrom(r: NameRange): Promise<Array<{ name: string }>> {
  const end = r.prefix ? afterPrefix(r.prefix) : undefined;
  const rows = NAMES.filter(
    (n) =>
      (r.after === undefined || (r.fromInclusive ? n >= r.after : n > r.after)) &&
      (r.before === undefined || n < r.before) &&
      n >= r.prefix &&
      (end === undefined || n < end),
  );
  if (r.reverse) {
    rows.reverse();
  }
  return Promise.resolve(rows.slice(0, r.limit).map((name) => ({ name })));
}

const base: ListParams = { prefix: '', marker: '', endMarker: '', delimiter: '', limit: 100, reverse: false };
const run = async (p: Partial<ListParams>) =>
  (await walkListing({ ...base, ...p }, fetchFrom)).map((e) => ('item' in e ? e.item.name : `${e.subdir}*`));

test('delimiter rolls up pseudo-directories, forwards and in reverse', async () => {
  assert.deepEqual(await run({ delimiter: '/' }), ['a', 'b/*', 'c', 'd/*', 'e']);
  assert.deepEqual(await run({ delimiter: '/', reverse: true }), ['e', 'd/*', 'c', 'b/*', 'a']);
  assert.deepEqual(await run({ delimiter: '/', prefix: 'b/' }), ['b/1', 'b/2', 'b/c/*']);
  assert.deepEqual(await run({ delimiter: '/', limit: 2 }), ['a', 'b/*']);
});

test('markers, limit and path', async () => {
  assert.deepEqual(await run({ marker: 'b/2', limit: 2 }), ['b/c/1', 'c']);
  assert.deepEqual(await run({ marker: 'c', endMarker: 'e' }), ['d/1']);
  assert.deepEqual(await run({ reverse: true, marker: 'c', endMarker: 'a' }), ['b/c/1', 'b/2', 'b/1']);
  assert.deepEqual(await run({ path: 'b' }), ['b/1', 'b/2']);
});

test('afterPrefix is the first string after every string with the prefix', () => {
  assert.equal(afterPrefix('ab'), 'ac');
  assert.equal(afterPrefix('a/'), 'a0');
  assert.equal(afterPrefix(''), undefined);
});
