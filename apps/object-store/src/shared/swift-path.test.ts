import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { checkMeta, metaFromHeaders } from './metadata.js';
import { parseSwiftPath } from './swift-path.js';

const kindOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}: ${e.message}` : String(e);
  }
};

test('paths split like Swift: unquote, then account / container / object', () => {
  assert.deepEqual(parseSwiftPath('/v1/AUTH_p/c/a/b%20c'), { account: 'AUTH_p', container: 'c', object: 'a/b c' });
  assert.deepEqual(parseSwiftPath('/v1/AUTH_p/c/'), { account: 'AUTH_p', container: 'c', object: undefined });
  assert.deepEqual(parseSwiftPath('/v1/AUTH_p/'), { account: 'AUTH_p', container: undefined, object: undefined });
  assert.deepEqual(parseSwiftPath('/v1/AUTH_p/c/dir/'), { account: 'AUTH_p', container: 'c', object: 'dir/' });
  assert.deepEqual(parseSwiftPath('/v1/AUTH_p/c/%E2%9C%93'), { account: 'AUTH_p', container: 'c', object: '✓' });
});

test('bad names: invalid UTF-8 and NUL 412, dot segments and long names 400', () => {
  assert.equal(kindOf(() => parseSwiftPath('/v1/AUTH_p/c/%FF')), 'precondition_failed: Invalid UTF8 or contains NULL');
  assert.equal(kindOf(() => parseSwiftPath('/v1/AUTH_p/c/a%00')), 'precondition_failed: Invalid UTF8 or contains NULL');
  assert.match(kindOf(() => parseSwiftPath('/v1/AUTH_p/c/a/../b')), /^bad_request: Invalid path/);
  assert.match(kindOf(() => parseSwiftPath('/v1/AUTH_p/..')), /^bad_request: Invalid path/);
  assert.equal(kindOf(() => parseSwiftPath(`/v1/AUTH_p/c/${'x'.repeat(1025)}`)), 'bad_request: Object name length of 1025 longer than 1024');
  assert.equal(kindOf(() => parseSwiftPath(`/v1/AUTH_p/${'x'.repeat(257)}`)), 'bad_request: Container name length of 257 longer than 256');
});

test('metadata headers and their limits', () => {
  assert.deepEqual(metaFromHeaders({ 'x-object-meta-color': 'red', 'x-remove-object-meta-old': 'x', other: 'y' }, 'object'), { color: 'red', old: '' });
  assert.deepEqual(metaFromHeaders({ 'x-object-meta-name': Buffer.from('héllo').toString('latin1') }, 'object'), { name: 'héllo' });
  assert.match(kindOf(() => checkMeta({ ['n'.repeat(129)]: 'v' }, 'container')), /Metadata name too long: X-Container-Meta-Nn+; max 128/);
  assert.match(kindOf(() => checkMeta({ n: 'v'.repeat(257) }, 'object')), /Metadata value longer than 256/);
  const many = Object.fromEntries(Array.from({ length: 91 }, (_, i) => [`k${i}`, 'v']));
  assert.match(kindOf(() => checkMeta(many, 'account')), /Too many metadata items; max 90/);
  const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v'.repeat(250)]));
  assert.match(kindOf(() => checkMeta(big, 'account')), /Total metadata too large; max 4096/);
});
