// Medium test: the cache-hit shortcut of GET/HEAD /v3/auth/tokens answers exactly as the full
// path does, and never past a policy refusal, a revocation or an unusual query. SQLite only:
// the shortcut reads no database, the full path it mirrors is tested on both dialects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createProject,
  createUser,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';
import { TokenValidationFastPath } from './token-validation.fast-path.js';

describe('token validation fast path', () => {
  let h: Harness;
  let admin: string;
  let alice: string;
  let bob: string;
  let fast: TokenValidationFastPath;

  const validate = (caller: string, subject: string, query = '', method = 'GET') =>
    h.request(method, `/v3/auth/tokens${query}`, {
      token: caller,
      headers: { 'X-Subject-Token': subject, 'X-Openstack-Request-Id': 'req-fast-1' },
    });
  const login = (user: string, project: string) => h.token({ user, project });

  before(async () => {
    h = await startHarness('sqlite');
    fast = h.server.app.get(TokenValidationFastPath);
    admin = await h.token();
    const demo = await createProject(h, admin, 'fast-demo');
    await createUser(h, admin, 'fast-alice', { project: demo, role: 'member' });
    await createUser(h, admin, 'fast-bob', { project: demo, role: 'member' });
    alice = await login('fast-alice', 'fast-demo');
    bob = await login('fast-bob', 'fast-demo');
  });
  after(() => h.close());

  test('a repeat validation takes the shortcut and answers the same', async () => {
    const first = await validate(admin, alice);
    const before = fast.hits;
    const second = await validate(admin, alice);
    assert.equal(fast.hits, before + 1, 'the second call was served by the shortcut');
    assert.equal(second.status, 200);
    assert.equal(second.text, first.text);
    for (const name of ['x-subject-token', 'content-type', 'vary', 'x-openstack-request-id']) {
      assert.equal(second.headers.get(name), first.headers.get(name), name);
    }
    assert.equal(second.headers.get('x-openstack-request-id'), 'req-fast-1');
    await validate(admin, alice, '?nocatalog');
    const noCatalog = await validate(admin, alice, '?nocatalog');
    assert.equal(fast.hits, before + 2);
    assert.equal(noCatalog.body.token.catalog, undefined);
    assert.ok(Array.isArray(second.body.token.catalog));
    const head = await validate(admin, alice, '', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  test('unusual queries go the full way and still get the full answer', async () => {
    const before = fast.hits;
    const res = await validate(admin, alice, '?nocatalog&nocatalog');
    assert.equal(res.status, 400, 'a repeated parameter is refused by the full path');
    assert.equal(fast.hits, before);
  });

  test('policy holds on repeat: a member never sees another user’s token', async () => {
    await validate(bob, bob);
    await validate(bob, bob);
    await validate(admin, alice);
    for (let i = 0; i < 3; i++) {
      assert.equal((await validate(bob, alice)).status, 403);
    }
  });

  test('a revoked token is refused at once, though its body was cached', async () => {
    const own = await login('fast-alice', 'fast-demo');
    await validate(own, own);
    assert.equal((await validate(own, own)).status, 200);
    const del = await h.request('DELETE', '/v3/auth/tokens', {
      token: admin,
      headers: { 'X-Subject-Token': own },
    });
    assert.equal(del.status, 204);
    assert.equal((await validate(admin, own)).status, 404);
    assert.equal((await validate(own, own)).status, 401, 'nor may it call as the caller');
  });
});
