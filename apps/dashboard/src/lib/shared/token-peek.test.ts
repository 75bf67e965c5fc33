import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isExpired, peekToken } from './token-peek.ts';

const jws = (claims: object) =>
  `${Buffer.from('{"alg":"ES256","kid":"k1"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('reads the expiry (ms) and audit ids of a tinystack token', () => {
  const t = jws({ exm: 1_700_000_000_123, exp: 1_700_000_001, a: ['own', 'chain'] });
  assert.deepEqual(peekToken(t), { expiresAt: 1_700_000_000_123, auditIds: ['own', 'chain'] });
});

test('falls back to exp (seconds) and tolerates missing audit ids', () => {
  assert.deepEqual(peekToken(jws({ exp: 1_700_000_001 })), {
    expiresAt: 1_700_000_001_000,
    auditIds: [],
  });
});

test('anything that is not a JWS peeks as undefined', () => {
  assert.equal(peekToken('gAAAAAB-fernet-token'), undefined);
  assert.equal(peekToken('a.!!!.c'), undefined);
  assert.equal(peekToken(''), undefined);
});

test('isExpired compares with now, and never claims an unreadable token expired', () => {
  const t = jws({ exm: 10_000 });
  assert.equal(isExpired(t, 9_999), false);
  assert.equal(isExpired(t, 10_000), true);
  assert.equal(isExpired('opaque', 10_000), false);
});
