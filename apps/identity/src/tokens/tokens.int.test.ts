// Medium test: GET/HEAD/DELETE /v3/auth/tokens, /v3/auth/{catalog,projects,domains} and automatic revocation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  isKeystoneError,
  roleId,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

for (const dialect of testDialects()) {
  describe(`token validation and revocation (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let alice: string;

    const validate = (caller: string, subject: string, query = '') =>
      h.request('GET', `/v3/auth/tokens${query}`, {
        token: caller,
        headers: { 'X-Subject-Token': subject },
      });

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      alice = await createUser(h, admin, 'alice', { project: demo, role: 'member' });
    });
    after(() => h.close());

    test('GET validates: the same document as at issue, X-Subject-Token echoed', async () => {
      const issued = await h.request('POST', '/v3/auth/tokens', {
        body: {
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { id: alice, password: 'alice-pw' } },
            },
            scope: { project: { id: demo } },
          },
        },
      });
      const token = issued.headers.get('x-subject-token') as string;
      const res = await validate(admin, token);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-subject-token'), token);
      assert.deepEqual(res.body, issued.body);
      const again = await validate(admin, token);
      assert.deepEqual(again.body, issued.body, 'cached body identical');
      const noCatalog = await validate(admin, token, '?nocatalog');
      assert.equal(noCatalog.body.token.catalog, undefined);
      const head = await h.request('HEAD', '/v3/auth/tokens', {
        token: admin,
        headers: { 'X-Subject-Token': token },
      });
      assert.equal(head.status, 200);
    });

    test('policy: a user validates its own tokens only; admin validates any', async () => {
      const mine = await h.token({ user: 'alice', project: 'demo' });
      const other = await h.token({ user: 'alice', project: null });
      assert.equal((await validate(mine, other)).status, 200);
      const bob = await createUser(h, admin, 'bob', { project: demo, role: 'member' });
      assert.ok(bob);
      const bobs = await h.token({ user: 'bob', project: 'demo' });
      const denied = await validate(mine, bobs);
      assert.equal(denied.status, 403);
      assert.ok(isKeystoneError(denied.body, 403));
    });

    test('invalid subject tokens are 404; invalid callers 401; missing subject 400', async () => {
      assert.equal((await validate(admin, 'not-a-token')).status, 404);
      assert.equal(
        (await validate(admin, `${admin.slice(0, -4)}AAAA`)).status,
        404,
        'bad signature',
      );
      const noCaller = await h.request('GET', '/v3/auth/tokens', {
        headers: { 'X-Subject-Token': admin },
      });
      assert.equal(noCaller.status, 401);
      assert.ok(isKeystoneError(noCaller.body, 401));
      assert.equal((await h.request('GET', '/v3/auth/tokens', { token: admin })).status, 400);
    });

    test('DELETE revokes the token and the tokens rescoped from it', async () => {
      const t = await h.token({ user: 'alice', project: null });
      const child = (
        await h.request('POST', '/v3/auth/tokens', {
          body: {
            auth: {
              identity: { methods: ['token'], token: { id: t } },
              scope: { project: { id: demo } },
            },
          },
        })
      ).headers.get('x-subject-token') as string;
      const del = await h.request('DELETE', '/v3/auth/tokens', {
        token: admin,
        headers: { 'X-Subject-Token': t },
      });
      assert.equal(del.status, 204);
      assert.equal((await validate(admin, t)).status, 404);
      assert.equal((await validate(admin, child)).status, 404);
      assert.equal((await h.request('GET', '/v3/auth/catalog', { token: t })).status, 401);
    });

    test('changing a password revokes the user’s tokens; the new password works at once', async () => {
      const t = await h.token({ user: 'alice', project: 'demo' });
      const res = await h.request('POST', `/v3/users/${alice}/password`, {
        token: t,
        body: { user: { password: 'alice-pw2', original_password: 'alice-pw' } },
      });
      assert.equal(res.status, 204);
      assert.equal((await validate(admin, t)).status, 404);
      const fresh = await h.token({ user: 'alice', password: 'alice-pw2', project: 'demo' });
      assert.equal(
        (await validate(admin, fresh)).status,
        200,
        'a token issued right after is valid',
      );
      const wrong = await h.request('POST', `/v3/users/${alice}/password`, {
        body: { user: { password: 'x', original_password: 'nope' } },
      });
      assert.equal(wrong.status, 401);
      await h.request('POST', `/v3/users/${alice}/password`, {
        body: { user: { password: 'alice-pw', original_password: 'alice-pw2' } },
      });
    });

    test('losing the role on a project revokes tokens scoped to it only', async () => {
      const other = await createProject(h, admin, 'other');
      const member = await roleId(h, admin, 'member');
      await h.request('PUT', `/v3/projects/${other}/users/${alice}/roles/${member}`, {
        token: admin,
      });
      const onDemo = await h.token({ user: 'alice', project: 'demo' });
      const onOther = await h.token({ user: 'alice', project: 'other' });
      const del = await h.request(
        'DELETE',
        `/v3/projects/${other}/users/${alice}/roles/${member}`,
        { token: admin },
      );
      assert.equal(del.status, 204);
      assert.equal((await validate(admin, onOther)).status, 404);
      assert.equal((await validate(admin, onDemo)).status, 200);
    });

    test('group role removal revokes the members’ tokens on that project', async () => {
      const p = await createProject(h, admin, 'grouped');
      const erin = await createUser(h, admin, 'erin');
      const g = (
        await h.request('POST', '/v3/groups', { token: admin, body: { group: { name: 'team' } } })
      ).body.group.id;
      await h.request('PUT', `/v3/groups/${g}/users/${erin}`, { token: admin });
      const member = await roleId(h, admin, 'member');
      await h.request('PUT', `/v3/projects/${p}/groups/${g}/roles/${member}`, { token: admin });
      const t = await h.token({ user: 'erin', project: 'grouped' });
      assert.equal((await validate(admin, t)).status, 200);
      await h.request('DELETE', `/v3/projects/${p}/groups/${g}/roles/${member}`, { token: admin });
      assert.equal((await validate(admin, t)).status, 404);
      assert.equal(
        (
          await h.request('POST', '/v3/auth/tokens', {
            body: {
              auth: {
                identity: {
                  methods: ['password'],
                  password: { user: { id: erin, password: 'erin-pw' } },
                },
                scope: { project: { id: p } },
              },
            },
          })
        ).status,
        401,
      );
    });

    test('disabling or deleting a user revokes its tokens', async () => {
      const frank = await createUser(h, admin, 'frank', { project: demo, role: 'member' });
      const t1 = await h.token({ user: 'frank', project: 'demo' });
      await h.request('PATCH', `/v3/users/${frank}`, {
        token: admin,
        body: { user: { enabled: false } },
      });
      assert.equal((await validate(admin, t1)).status, 404);
      await h.request('PATCH', `/v3/users/${frank}`, {
        token: admin,
        body: { user: { enabled: true } },
      });
      const t2 = await h.token({ user: 'frank', project: 'demo' });
      assert.equal((await validate(admin, t2)).status, 200);
      assert.equal((await h.request('DELETE', `/v3/users/${frank}`, { token: admin })).status, 204);
      assert.equal((await validate(admin, t2)).status, 404);
    });

    test('deleting a project revokes tokens scoped to it', async () => {
      const p = await createProject(h, admin, 'doomed');
      const gina = await createUser(h, admin, 'gina', { project: p, role: 'member' });
      assert.ok(gina);
      const t = await h.token({ user: 'gina', project: 'doomed' });
      assert.equal((await h.request('DELETE', `/v3/projects/${p}`, { token: admin })).status, 204);
      assert.equal((await validate(admin, t)).status, 404);
    });

    test('/v3/auth/catalog, /v3/auth/projects and /v3/auth/domains', async () => {
      const scoped = await h.token({ user: 'alice', project: 'demo' });
      const cat = await h.request('GET', '/v3/auth/catalog', { token: scoped });
      assert.equal(cat.status, 200);
      assert.ok(cat.body.catalog.some((s: { type: string }) => s.type === 'identity'));
      assert.ok(cat.body.links.self.endsWith('/v3/auth/catalog'));
      const unscoped = await h.token({ user: 'alice', project: null });
      assert.equal((await h.request('GET', '/v3/auth/catalog', { token: unscoped })).status, 403);
      const projects = await h.request('GET', '/v3/auth/projects', { token: unscoped });
      assert.deepEqual(projects.body.projects.map((p: { name: string }) => p.name).sort(), [
        'demo',
      ]);
      const domains = await h.request('GET', '/v3/auth/domains', { token: admin });
      assert.deepEqual(
        domains.body.domains.map((d: { id: string }) => d.id),
        ['default'],
      );
    });

    test('catalog changes show in new validations', async () => {
      const t = await h.token({ user: 'alice', project: 'demo' });
      const before = (await validate(admin, t)).body.token.catalog.length;
      const svc = await h.request('POST', '/v3/services', {
        token: admin,
        body: { service: { type: 'dns', name: 'designate' } },
      });
      await h.request('POST', '/v3/endpoints', {
        token: admin,
        body: {
          endpoint: {
            service_id: svc.body.service.id,
            interface: 'public',
            url: 'http://127.0.0.1:9001',
            region_id: 'RegionOne',
          },
        },
      });
      const after = (await validate(admin, t)).body.token.catalog;
      assert.equal(after.length, before + 1);
      assert.equal(
        after.find((s: { type: string }) => s.type === 'dns').endpoints[0].url,
        'http://127.0.0.1:9001',
      );
    });
  });
}
