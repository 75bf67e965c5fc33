import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containsNul, jsonDepthExceeds, withExtra, wrapped } from './schemas.js';
import { z } from 'zod';

test('extra attributes: kept, but never id/links and never deeply nested', () => {
  const schema = wrapped('thing', withExtra({ name: z.string() }));
  assert.deepEqual(schema.parse({ thing: { name: 'a', color: 'red' } }), {
    thing: { name: 'a', color: 'red' },
  });
  assert.equal(schema.safeParse({ thing: { name: 'a', id: 'x' } }).success, false);
  assert.equal(schema.safeParse({ thing: { name: 'a' }, other: 1 }).success, false);
  const deep = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)) as unknown;
  assert.equal(jsonDepthExceeds(deep, 16), true);
  assert.equal(schema.safeParse({ thing: { name: 'a', deep } }).success, false);
  assert.equal(jsonDepthExceeds({ a: { b: [1, { c: 2 }] } }, 16), false);
  assert.equal(containsNul({ a: [{ b: 'x\u0000' }] }), true);
  assert.equal(containsNul({ ['k\u0000']: 1 }), true);
  assert.equal(containsNul(deep), false);
  assert.equal(containsNul({ a: 'fine' }), false);
});
