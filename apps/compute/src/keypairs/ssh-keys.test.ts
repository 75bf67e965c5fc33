import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { test } from 'node:test';
import { generateSshKeypair, sshFingerprint, x509Fingerprint } from './ssh-keys.js';

// Made with: ssh-keygen -t ed25519 -C test; ssh-keygen -l -E md5 printed the fingerprint.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGPkm++PveoVutPRq8hAdNYC8NxvYeDFqALU8qiFy/F0 test';
const ED25519_MD5 = '94:8a:17:49:7d:ad:7b:2c:c1:be:b2:b7:b6:fa:44:a7';
// Made with: openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=t; openssl x509 -fingerprint -sha1.
const CERT = `-----BEGIN CERTIFICATE-----
MIIC+TCCAeGgAwIBAgIUX0sM8w5K1JzZLV4w8KKGefthAFAwDQYJKoZIhvcNAQEL
BQAwDDEKMAgGA1UEAwwBdDAeFw0yNjExMjUxOTEzMzlaFw0yNjExMjYxOTEzMzla
MAwxCjAIBgNVBAMMAXQwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCg
uazQEEYNsEeMmTZ35sWHF5fbi5KN7UBAPe7RIw7P0FATdz8Tt4uGyo/+U/JcawBw
Fkiwlf9oosCgVTb/Rz5wnZhCighWdtt3EM8PMuUOZTV4P+CssPT8oPzPUuGz1+Wh
yurkQpqi60BfRbndwHE0gaiOrbKnFaFzERTOogMGmlSVA3FTthHzQFy9OA1OkiRL
0Q552gj2JOv1vyRtHV0p8fABP56cDR/SlXmlwWWF02jv+ni2P2SipMbnh/N1RqmW
IdC9b+JM7B1hRy5BrCy+mR3Tim/2SCkJv8F25jKpBcoMB2fHf2xW0+gD4M8+ET+x
QXugEzQ1sp0eR2s7vuzfAgMBAAGjUzBRMB0GA1UdDgQWBBRogq+bIAlaRht6+KUM
2wtRPh9H8jAfBgNVHSMEGDAWgBRogq+bIAlaRht6+KUM2wtRPh9H8jAPBgNVHRMB
Af8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBNRVxZYgdXBZC8rLwiBswLOYBb
9sSB6Brt2yiumTBEVxXaqHbYMlFUvqU1xGclKayGuThFyKMUtcZ/KwL/dTSH/2qQ
RKH4VJpcVNlYGB+VUnmqpx7lPus18bsCP93nr5nvS12AyKnOITHgGFBvQ3MGzlMd
4tJt/8C+glvWVguaPAwNqKpfhPd5//IRUQESbPu4TFQGOYdbapbXoFJ4MD1mt3Dq
7W4EYTYNmKlNkI7VpMqwxJBacrn17jJSf+EaLPClFRHFQdOwrY7Jnoi2lDjsY+zI
pnsxFtuEInUutL5z5KRmoNUUiG/XjUPcTY9Hj0jJaD4rkbxyMQ2TXiWx7a2H
-----END CERTIFICATE-----`;
const CERT_SHA1 = 'fa:57:78:43:97:d7:43:c0:92:d8:e5:72:e6:ab:3f:b1:33:f9:87:5a';

test('the MD5 fingerprint of an OpenSSH key matches ssh-keygen', () => {
  assert.equal(sshFingerprint(ED25519), ED25519_MD5);
  assert.equal(sshFingerprint(`  ${ED25519}\n`), ED25519_MD5);
});

test('malformed keys have no fingerprint', () => {
  assert.equal(sshFingerprint('not a key'), undefined);
  assert.equal(sshFingerprint('ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGPkm++PveoVutPRq8hAdNYC8NxvYeDFqALU8qiFy/F0'), undefined, 'type mismatch');
  assert.equal(sshFingerprint('ssh-ed25519 !!!'), undefined);
  assert.equal(sshFingerprint(''), undefined);
});

test('x509 certificates get the SHA-1 fingerprint', () => {
  assert.equal(x509Fingerprint(CERT), CERT_SHA1);
  assert.equal(x509Fingerprint('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'), undefined);
});

test('a generated pair: an OpenSSH RSA public key matching a PKCS#1 private key', () => {
  const kp = generateSshKeypair();
  assert.match(kp.publicKey, /^ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+ Generated-by-Nova$/);
  assert.match(kp.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.equal(sshFingerprint(kp.publicKey), kp.fingerprint);
  const fromPrivate = createPublicKey(createPrivateKey(kp.privateKey)).export({ format: 'jwk' });
  const blob = Buffer.from(kp.publicKey.split(' ')[1] ?? '', 'base64');
  const n = Buffer.from(fromPrivate.n ?? '', 'base64url');
  assert.ok(blob.includes(n), 'the public key carries the private key modulus');
});
