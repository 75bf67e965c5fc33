import assert from 'node:assert/strict';
import { createPublicKey, createSign, createVerify } from 'node:crypto';
import { test } from 'node:test';
import { generateSigningKey, jwkThumbprint, privateKeyOf, publicKeyOf } from './key-material.js';

test('generated keys sign and verify, and the kid is the public key thumbprint', () => {
  const k = generateSigningKey();
  assert.equal(k.kid, jwkThumbprint(publicKeyOf(k.publicKeyPem)));
  assert.match(k.kid, /^[A-Za-z0-9_-]{43}$/);
  const sig = createSign('SHA256').update('x').sign(privateKeyOf(k.privateKeyPem));
  assert.ok(createVerify('SHA256').update('x').verify(publicKeyOf(k.publicKeyPem), sig));
  assert.notEqual(generateSigningKey().kid, k.kid);
});

test('many generated keys: each private key matches its public key and its kid', () => {
  for (let i = 0; i < 200; i++) {
    const k = generateSigningKey();
    const derived = createPublicKey(privateKeyOf(k.privateKeyPem)).export({
      type: 'spki',
      format: 'pem',
    });
    assert.equal(derived.toString(), k.publicKeyPem);
    assert.equal(k.kid, jwkThumbprint(publicKeyOf(k.publicKeyPem)));
  }
});
