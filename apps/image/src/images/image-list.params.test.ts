import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { parseListQuery, parseTimeFilter, splitIn } from './image-list.params.js';

const q = (s: string) => parseListQuery(new URLSearchParams(s));

test('defaults: 25 newest first, accepted shares, hidden images excluded', () => {
  const spec = q('');
  assert.equal(spec.limit, 25);
  assert.deepEqual(spec.sort, [{ key: 'created_at', dir: 'desc' }]);
  assert.equal(spec.filters.memberStatus, 'accepted');
  assert.equal(spec.filters.osHidden, false);
  assert.equal(spec.filters.visibility, undefined);
});

test('both sort syntaxes, and the limit cap', () => {
  assert.deepEqual(q('sort=name:asc,size').sort, [
    { key: 'name', dir: 'asc' },
    { key: 'size', dir: 'desc' },
  ]);
  assert.deepEqual(q('sort_key=name&sort_key=status&sort_dir=asc').sort, [
    { key: 'name', dir: 'asc' },
    { key: 'status', dir: 'asc' },
  ]);
  assert.equal(q('limit=5000').limit, 1000);
});

test('filters, in: lists and property filters', () => {
  const f = q('name=in:a,"b,c"&tag=x&tag=y&os_distro=debian&size_min=5&protected=true&visibility=all').filters;
  assert.deepEqual(f.names, ['a', 'b,c']);
  assert.deepEqual(f.tags, ['x', 'y']);
  assert.deepEqual(f.properties, [['os_distro', 'debian']]);
  assert.equal(f.sizeMin, 5);
  assert.equal(f.isProtected, true);
  assert.equal(f.visibility, 'all');
  assert.deepEqual(splitIn('plain'), ['plain']);
});

test('time filters: operators, and bare ISO times meaning eq', () => {
  assert.deepEqual(parseTimeFilter('gte:2016-04-18T21:38:54Z'), { op: 'gte', at: Date.parse('2016-04-18T21:38:54Z') });
  assert.deepEqual(parseTimeFilter('2016-04-18T21:38:54Z'), { op: 'eq', at: Date.parse('2016-04-18T21:38:54Z') });
  assert.throws(() => parseTimeFilter('soon:2016-04-18T21:38:54Z'), DomainError);
  assert.throws(() => parseTimeFilter('gt:yesterday'), DomainError);
});
