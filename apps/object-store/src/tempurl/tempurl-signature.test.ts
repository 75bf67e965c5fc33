import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { parseExpires, parseSignature, tempUrlHmac } from './tempurl-signature.js';

test('signatures as swiftclient makes them (hex sha1/sha256, prefixed base64 sha512)', () => {
  const body = 'GET\n1700000000\n/v1/AUTH_p/c/o';
  const sha256 = createHmac('sha256', 'k').update(body).digest('hex');
  const parsed = parseSignature(sha256);
  assert.equal(parsed?.digest, 'sha256');
  assert.ok(parsed?.mac.equals(tempUrlHmac('k', 'sha256', 'GET', 1700000000, '/v1/AUTH_p/c/o')));
  assert.equal(parseSignature(createHmac('sha1', 'k').update(body).digest('hex'))?.digest, 'sha1');
  const b64 = createHmac('sha512', 'k').update(body).digest('base64');
  assert.equal(parseSignature(`sha512:${b64}`)?.digest, 'sha512');
  assert.equal(parseSignature('xyz'), undefined);
  assert.equal(parseSignature('abcd'), undefined);
});

test('expiry as integer or ISO 8601', () => {
  assert.equal(parseExpires('1700000000'), 1700000000);
  assert.equal(parseExpires('2023-11-14T22:13:20Z'), 1700000000);
  assert.equal(parseExpires('soon'), undefined);
});
