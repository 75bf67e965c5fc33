import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthContext } from '@tinystack/auth';
import { cleanAcl, grantsMatch, parseAcl, referrerAllowed } from './acl.js';

const caller = {
  userId: 'u1',
  userName: 'bob',
  projectId: 'p1',
  projectName: 'demo',
  roles: [{ id: 'r', name: 'member' }],
} as unknown as AuthContext;

test('parses referrers, listings and grants', () => {
  const acl = parseAcl('.r:*, .rlistings, p2:u2 ,demo:bob');
  assert.deepEqual(acl, { referrers: ['*'], rlistings: true, grants: ['p2:u2', 'demo:bob'] });
  assert.throws(() => parseAcl('.x:y'), /Unknown designator/);
});

test('referrer rules: wildcard, domain suffix and denials', () => {
  assert.equal(referrerAllowed(['*'], undefined), true);
  assert.equal(referrerAllowed(['.example.com'], 'http://www.example.com/x'), true);
  assert.equal(referrerAllowed(['.example.com'], 'http://evil.com/'), false);
  assert.equal(referrerAllowed(['*', '-bad.com'], 'http://bad.com/'), false);
  assert.equal(referrerAllowed([], undefined), false);
});

test('grants match by id, name, wildcard or role', () => {
  assert.equal(grantsMatch(['p1:u1'], caller), true);
  assert.equal(grantsMatch(['demo:*'], caller), true);
  assert.equal(grantsMatch(['*:bob'], caller), true);
  assert.equal(grantsMatch(['p2:*'], caller), false);
  assert.equal(grantsMatch(['member'], caller), true);
  assert.equal(grantsMatch(['admin'], caller), false);
});

test('write ACLs refuse referrers', () => {
  assert.throws(() => cleanAcl('.r:*', 'write'), /Referrers not allowed/);
  assert.equal(cleanAcl(' p1:* , .r:* ', 'read'), '.r:*,p1:*');
});
