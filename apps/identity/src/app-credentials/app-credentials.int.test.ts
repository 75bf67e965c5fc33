// Medium test: application credentials over REST, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

for (const dialect of testDialects()) {
  describe(`application credentials (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let alice: string;
    let aliceToken: string;

    const appCredAuth = (cred: Record<string, unknown>) =>
      h.request('POST', '/v3/auth/tokens', {
        body: {
          auth: { identity: { methods: ['application_credential'], application_credential: cred } },
        },
      });
    const create = (body: Record<string, unknown>, token = aliceToken) =>
      h.request('POST', `/v3/users/${alice}/application_credentials`, {
        token,
        body: { application_credential: body },
      });

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      alice = await createUser(h, admin, 'alice', { project: demo, role: 'member' });
      aliceToken = await h.token({ user: 'alice', project: 'demo' });
    });
    after(() => h.close());

    test('create returns the secret once; auth by id and by name + user gives a project token', async () => {
      const res = await create({ name: 'ci', description: 'for CI' });
      assert.equal(res.status, 201);
      const c = res.body.application_credential;
      assert.equal(c.project_id, demo);
      assert.equal(c.unrestricted, false);
      assert.deepEqual(c.roles.map((r: { name: string }) => r.name).sort(), ['member', 'reader']);
      assert.ok(c.secret.length >= 64);
      const shown = await h.request('GET', `/v3/users/${alice}/application_credentials/${c.id}`, {
        token: aliceToken,
      });
      assert.equal(shown.body.application_credential.secret, undefined);
      assert.doesNotMatch(shown.text, /secret_hash|argon2/);
      const byId = await appCredAuth({ id: c.id, secret: c.secret });
      assert.equal(byId.status, 201);
      const t = byId.body.token;
      assert.deepEqual(t.methods, ['application_credential']);
      assert.equal(t.project.id, demo);
      assert.deepEqual(t.application_credential, { id: c.id, name: 'ci', restricted: true });
      const byName = await appCredAuth({
        name: 'ci',
        user: { name: 'alice', domain: { id: 'default' } },
        secret: c.secret,
      });
      assert.equal(byName.status, 201);
      assert.equal((await appCredAuth({ id: c.id, secret: 'wrong' })).status, 401);
      assert.equal((await appCredAuth({ id: 'nope', secret: c.secret })).status, 401);
    });

    test('roles must be a subset of the token’s; a given secret is kept', async () => {
      const res = await create({
        name: 'ro',
        secret: 'my-own-secret',
        roles: [{ name: 'reader' }],
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.application_credential.secret, 'my-own-secret');
      const t = await appCredAuth({
        id: res.body.application_credential.id,
        secret: 'my-own-secret',
      });
      assert.deepEqual(
        t.body.token.roles.map((r: { name: string }) => r.name),
        ['reader'],
      );
      assert.equal((await create({ name: 'too-much', roles: [{ name: 'admin' }] })).status, 403);
      assert.equal((await create({ name: 'ro' })).status, 409);
      assert.equal((await create({ name: 'x', expires_at: '2000-01-01T00:00:00' })).status, 400);
      assert.equal((await create({ name: 'x', expires_at: 'soon' })).status, 400);
      assert.equal(
        (
          await create({
            name: 'x',
            access_rules: [{ path: '/v2.1/servers', method: 'GET', service: 'compute' }],
          })
        ).status,
        400,
      );
      assert.equal((await create({ name: 'x', bogus: 1 })).status, 400);
    });

    test('only the owner creates; restricted credentials cannot make more; rescoping is refused', async () => {
      assert.equal((await create({ name: 'by-admin' }, admin)).status, 403);
      const unscoped = await h.token({ user: 'alice', project: null });
      assert.equal((await create({ name: 'unscoped' }, unscoped)).status, 403);
      const c = (await create({ name: 'restricted' })).body.application_credential;
      const token = (await appCredAuth({ id: c.id, secret: c.secret })).headers.get(
        'x-subject-token',
      ) as string;
      assert.equal((await create({ name: 'child' }, token)).status, 403);
      const rescope = await h.request('POST', '/v3/auth/tokens', {
        body: { auth: { identity: { methods: ['token'], token: { id: token } } } },
      });
      assert.equal(rescope.status, 403);
      const u = (await create({ name: 'unrestricted', unrestricted: true })).body
        .application_credential;
      const ut = (await appCredAuth({ id: u.id, secret: u.secret })).headers.get(
        'x-subject-token',
      ) as string;
      assert.equal((await create({ name: 'grandchild' }, ut)).status, 201);
    });

    test('expiry is enforced and caps the token lifetime', async () => {
      const soon = new Date(Date.now() + 1500).toISOString();
      const c = (await create({ name: 'short', expires_at: soon })).body.application_credential;
      const t = await appCredAuth({ id: c.id, secret: c.secret });
      assert.equal(t.status, 201);
      assert.ok(Date.parse(t.body.token.expires_at) <= Date.parse(soon) + 1);
      await new Promise((r) => setTimeout(r, 1600));
      assert.equal((await appCredAuth({ id: c.id, secret: c.secret })).status, 401);
    });

    test('list with name filter; deleting revokes its tokens; others cannot see them', async () => {
      const c = (await create({ name: 'gone-soon' })).body.application_credential;
      const token = (await appCredAuth({ id: c.id, secret: c.secret })).headers.get(
        'x-subject-token',
      ) as string;
      const list = await h.request(
        'GET',
        `/v3/users/${alice}/application_credentials?name=gone-soon`,
        { token: aliceToken },
      );
      assert.deepEqual(
        list.body.application_credentials.map((x: { id: string }) => x.id),
        [c.id],
      );
      await createUser(h, admin, 'mallory', { project: demo, role: 'member' });
      const mallory = await h.token({ user: 'mallory', project: 'demo' });
      assert.equal(
        (await h.request('GET', `/v3/users/${alice}/application_credentials`, { token: mallory }))
          .status,
        403,
      );
      assert.equal(
        (await h.request('GET', `/v3/users/${alice}/application_credentials`, { token: admin }))
          .status,
        200,
      );
      const del = await h.request('DELETE', `/v3/users/${alice}/application_credentials/${c.id}`, {
        token: aliceToken,
      });
      assert.equal(del.status, 204);
      assert.equal((await h.request('GET', '/v3/auth/catalog', { token })).status, 401);
      assert.equal((await appCredAuth({ id: c.id, secret: c.secret })).status, 401);
    });

    test('losing the role the credential delegates makes it unusable', async () => {
      const c = (await create({ name: 'member-only', roles: [{ name: 'member' }] })).body
        .application_credential;
      const memberRole = (await h.request('GET', '/v3/roles?name=member', { token: admin })).body
        .roles[0].id;
      await h.request('DELETE', `/v3/projects/${demo}/users/${alice}/roles/${memberRole}`, {
        token: admin,
      });
      assert.equal((await appCredAuth({ id: c.id, secret: c.secret })).status, 401);
    });
  });
}
