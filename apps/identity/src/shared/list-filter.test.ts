import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesString, pageRequest, paginate, queryBool, stringFilters } from './list-filter.js';

test('string filters follow Keystone operators', () => {
  const f = stringFilters({ name: 'Demo', other: 'x' }, 'name');
  assert.equal(matchesString('Demo', f), true);
  assert.equal(matchesString('demo', f), false);
  const ci = stringFilters({ name__icontains: 'EM' }, 'name');
  assert.equal(matchesString('demo', ci), true);
  const sw = stringFilters({ name__startswith: 'de', name__endswith: 'mo' }, 'name');
  assert.equal(matchesString('demo', sw), true);
  assert.equal(matchesString('dexx', sw), false);
  assert.throws(() => stringFilters({ name: ['a', 'b'] }, 'name'), /only once/);
});

test('booleans and pagination', () => {
  assert.equal(queryBool({ enabled: 'False' }, 'enabled'), false);
  assert.equal(queryBool({ enabled: 'true' }, 'enabled'), true);
  assert.equal(queryBool({}, 'enabled'), undefined);
  const items = ['c', 'a', 'b', 'd'].map((id) => ({ id }));
  const p1 = paginate(items, { limit: 2 });
  assert.deepEqual(
    p1.items.map((i) => i.id),
    ['a', 'b'],
  );
  assert.equal(p1.nextMarker, 'b');
  const p2 = paginate(items, { limit: 2, marker: 'b' });
  assert.deepEqual(
    p2.items.map((i) => i.id),
    ['c', 'd'],
  );
  assert.equal(p2.nextMarker, undefined);
  assert.equal(paginate(items, {}).items.length, 4);
  assert.throws(() => pageRequest({ limit: '-1' }), /limit/);
  assert.throws(() => pageRequest({ limit: 'abc' }), /limit/);
});
