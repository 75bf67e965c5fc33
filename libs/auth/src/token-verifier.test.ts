import assert from 'node:assert/strict';
import { createPublicKey, createSign } from 'node:crypto';
import { test } from 'node:test';
import jwt from 'jsonwebtoken';
import { DomainError } from '@tinystack/errors';
import { signEs256 } from './jws-es256.js';
import { RevocationList } from './revocation.js';
import { authContextToClaims } from './token-claims.js';
import { makeTestSigner } from './test-keys.js';
import { TokenVerifier } from './token-verifier.js';
import { hasRole, canActInProject } from './policy.js';

function verifierFor(...signers: Array<ReturnType<typeof makeTestSigner>>) {
  let fetches = 0;
  const keys = new Map(signers.map((s) => [s.kid, s.publicPem]));
  const verifier = new TokenVerifier({
    keySource: { fetchKeys: () => (fetches++, Promise.resolve(new Map(keys))) },
    minRefreshIntervalMs: 0,
  });
  return { verifier, keys, fetches: () => fetches };
}

const isUnauthorized = (err: unknown) => err instanceof DomainError && err.kind === 'unauthorized';

test('verifies a token and returns its context', async () => {
  const signer = makeTestSigner();
  const { verifier } = verifierFor(signer);
  const { token, ctx } = signer.sign();
  const got = await verifier.verify(token);
  assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(ctx)));
});

test('rejects missing, malformed, tampered, foreign-key, expired and HS256 tokens', async () => {
  const signer = makeTestSigner();
  const { verifier } = verifierFor(signer);
  const { token } = signer.sign();
  await assert.rejects(verifier.verify(undefined), isUnauthorized);
  await assert.rejects(verifier.verify('not-a-token'), isUnauthorized);
  const [h, p, s] = token.split('.');
  const tamperedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), sub: 'admin' })).toString('base64url');
  await assert.rejects(verifier.verify(`${h}.${tamperedPayload}.${s}`), isUnauthorized);
  const other = makeTestSigner(signer.kid);
  await assert.rejects(verifier.verify(other.sign().token), isUnauthorized);
  const expired = signer.sign({ issuedAt: Date.now() - 7_200_000, expiresAt: Date.now() - 3_600_000 });
  await assert.rejects(verifier.verify(expired.token), isUnauthorized);
  const hs = jwt.sign({ sub: 'x' }, signer.publicPem, { algorithm: 'HS256', keyid: signer.kid });
  await assert.rejects(verifier.verify(hs), isUnauthorized);
});

test('a new key id is fetched on demand (rotation) and cached afterwards', async () => {
  const first = makeTestSigner();
  const second = makeTestSigner();
  const { verifier, keys, fetches } = verifierFor(first);
  await verifier.verify(first.sign().token);
  keys.set(second.kid, second.publicPem);
  await verifier.verify(second.sign().token);
  const after = fetches();
  await verifier.verify(first.sign().token);
  await verifier.verify(second.sign().token);
  assert.equal(fetches(), after, 'known keys need no fetch');
});

test('a cached token is still refused once revoked', async () => {
  const signer = makeTestSigner();
  const revocations = new RevocationList();
  const verifier = new TokenVerifier({
    keySource: { fetchKeys: () => Promise.resolve(new Map([[signer.kid, signer.publicPem]])) },
    revocations,
  });
  const { token, ctx } = signer.sign();
  await verifier.verify(token);
  revocations.add({ id: 1, auditId: ctx.auditIds[0], issuedBefore: Date.now(), expiresAt: ctx.expiresAt });
  await assert.rejects(verifier.verify(token), /revoked/);
});

test('revocation rules match by user, project and issue time', () => {
  const signer = makeTestSigner();
  const list = new RevocationList();
  const { ctx } = signer.sign();
  list.add({ id: 1, userId: 'someone-else', issuedBefore: Date.now(), expiresAt: Date.now() + 1e6 });
  assert.equal(list.isRevoked(ctx), false);
  list.add({ id: 2, userId: ctx.userId, projectId: 'other', issuedBefore: Date.now(), expiresAt: Date.now() + 1e6 });
  assert.equal(list.isRevoked(ctx), false);
  list.add({ id: 3, userId: ctx.userId, projectId: 'p1', issuedBefore: ctx.issuedAt - 1, expiresAt: Date.now() + 1e6 });
  assert.equal(list.isRevoked(ctx), false, 'tokens issued after the event stay valid');
  list.add({ id: 4, userId: ctx.userId, projectId: 'p1', issuedBefore: ctx.issuedAt, expiresAt: Date.now() + 1e6 });
  assert.equal(list.isRevoked(ctx), true);
  list.prune(Date.now() + 2e6);
  assert.equal(list.size, 0);
});

test('policy: implied roles and project scoping', () => {
  const signer = makeTestSigner();
  const member = signer.sign().ctx;
  const admin = signer.sign({ roles: [{ id: 'a', name: 'admin' }] }).ctx;
  assert.equal(hasRole(member, 'reader'), true);
  assert.equal(hasRole(member, 'admin'), false);
  assert.equal(hasRole(admin, 'reader'), true);
  assert.equal(canActInProject(member, 'p1'), true);
  assert.equal(canActInProject(member, 'p2'), false);
  assert.equal(canActInProject(admin, 'p2'), true);
  const reader = signer.sign({ roles: [{ id: 'r', name: 'reader' }] }).ctx;
  assert.equal(canActInProject(reader, 'p1', 'member'), false);
  assert.equal(canActInProject(reader, 'p1', 'reader'), true);
});

test('claims checks of the direct ES256 path: alg none, DER signature, audience, issuer, nbf', async () => {
  const signer = makeTestSigner();
  const { verifier } = verifierFor(signer);
  const { token, ctx } = signer.sign();
  const [h, p, s] = token.split('.') as [string, string, string];
  const none = Buffer.from(JSON.stringify({ alg: 'none', kid: signer.kid })).toString('base64url');
  await assert.rejects(verifier.verify(`${none}.${p}.`), isUnauthorized);
  await assert.rejects(verifier.verify(`${none}.${p}.${s}`), isUnauthorized);
  const der = createSign('sha256').update(`${h}.${p}`).sign(signer.privateKey).toString('base64url');
  await assert.rejects(verifier.verify(`${h}.${p}.${der}`), isUnauthorized, 'DER is not JOSE ES256');
  const claims = { ...authContextToClaims(ctx) };
  const signWith = (extra: Record<string, unknown>) =>
    jwt.sign({ ...claims, ...extra }, signer.privateKey, { algorithm: 'ES256', keyid: signer.kid });
  await assert.rejects(verifier.verify(signWith({ aud: 'elsewhere' })), isUnauthorized);
  await assert.rejects(verifier.verify(signWith({ iss: 'someone' })), isUnauthorized);
  await assert.rejects(verifier.verify(signWith({ nbf: Math.floor(Date.now() / 1000) + 60 })), isUnauthorized);
  assert.equal((await verifier.verify(signWith({ aud: ['x', 'tinystack'] }))).userId, ctx.userId);
  assert.equal((await verifier.verify(`${h}.${p}.${s}`)).userId, ctx.userId);
});

test('verifyCached: never on first sight, then until revoked or expired', async () => {
  const signer = makeTestSigner();
  const revocations = new RevocationList();
  let now = Date.now();
  const verifier = new TokenVerifier({
    keySource: { fetchKeys: () => Promise.resolve(new Map([[signer.kid, signer.publicPem]])) },
    revocations,
    now: () => now,
  });
  const a = signer.sign();
  const b = signer.sign({ expiresAt: now + 10_000 });
  assert.equal(verifier.verifyCached(a.token), undefined, 'an unseen token is not trusted');
  const [h, p] = a.token.split('.');
  await assert.rejects(verifier.verify(`${h}.${p}.${'A'.repeat(86)}`), isUnauthorized);
  assert.equal(verifier.verifyCached(`${h}.${p}.${'A'.repeat(86)}`), undefined, 'a bad token is never cached');
  await verifier.verify(a.token);
  await verifier.verify(b.token);
  assert.equal(verifier.verifyCached(a.token)?.userId, a.ctx.userId);
  now += 10_000;
  assert.equal(verifier.verifyCached(b.token), undefined, 'expired');
  await assert.rejects(verifier.verify(b.token), /expired/);
  revocations.add({ id: 1, auditId: a.ctx.auditIds[0], issuedBefore: now, expiresAt: a.ctx.expiresAt });
  assert.equal(verifier.verifyCached(a.token), undefined, 'revoked');
  await assert.rejects(verifier.verify(a.token), /revoked/);
});

test('signEs256 writes standard JWS: jsonwebtoken and the verifier both accept it', async () => {
  const signer = makeTestSigner();
  const { verifier } = verifierFor(signer);
  const { ctx } = signer.sign();
  const token = signEs256(authContextToClaims(ctx), signer.kid, signer.privateKey);
  const publicKey = createPublicKey(signer.publicPem);
  const decoded = jwt.verify(token, publicKey, { algorithms: ['ES256'], complete: true });
  assert.equal(decoded.header.kid, signer.kid);
  assert.equal(decoded.header.typ, 'JWT');
  assert.deepEqual(
    JSON.parse(JSON.stringify(await verifier.verify(token))),
    JSON.parse(JSON.stringify(ctx)),
  );
});
