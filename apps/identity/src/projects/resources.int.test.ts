// Medium test: CRUD, filters, extra attributes, conflicts and policy for projects, users and
// groups, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  isKeystoneError,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

for (const dialect of testDialects()) {
  describe(`resources (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let member: string;

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      await createUser(h, admin, 'alice', { project: demo, role: 'member' });
      member = await h.token({ user: 'alice', project: 'demo' });
    });
    after(() => h.close());

    test('projects: create with extra attributes, show, name filter, update, 409, 404', async () => {
      const created = await h.request('POST', '/v3/projects', {
        token: admin,
        body: {
          project: {
            name: 'p1',
            description: 'first',
            tags: ['a'],
            flavor: 'gold',
            nested: { x: 1 },
          },
        },
      });
      assert.equal(created.status, 201);
      const p = created.body.project;
      assert.equal(p.domain_id, 'default');
      assert.equal(p.parent_id, 'default');
      assert.equal(p.is_domain, false);
      assert.equal(p.flavor, 'gold');
      assert.deepEqual(p.nested, { x: 1 });
      assert.equal(p.links.self, `${h.url}/v3/projects/${p.id}`);
      const list = await h.request('GET', '/v3/projects?name=p1', { token: admin });
      assert.deepEqual(
        list.body.projects.map((x: { id: string }) => x.id),
        [p.id],
      );
      assert.equal(list.body.links.self, `${h.url}/v3/projects?name=p1`);
      assert.equal(list.body.links.next, null);
      const contains = await h.request('GET', '/v3/projects?name__icontains=P', { token: admin });
      assert.ok(contains.body.projects.length >= 1);
      const upd = await h.request('PATCH', `/v3/projects/${p.id}`, {
        token: admin,
        body: { project: { description: 'changed', flavor: 'silver' } },
      });
      assert.equal(upd.body.project.description, 'changed');
      assert.equal(upd.body.project.flavor, 'silver');
      const dup = await h.request('POST', '/v3/projects', {
        token: admin,
        body: { project: { name: 'p1' } },
      });
      assert.equal(dup.status, 409);
      assert.ok(isKeystoneError(dup.body, 409));
      const missing = await h.request('GET', '/v3/projects/nope', { token: admin });
      assert.equal(missing.status, 404);
      assert.ok(isKeystoneError(missing.body, 404));
      assert.equal(
        (
          await h.request('PATCH', `/v3/projects/${p.id}`, {
            token: admin,
            body: { project: { domain_id: 'x' } },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.request('PATCH', `/v3/projects/${p.id}`, {
            token: admin,
            body: { project: { id: 'x' } },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.request('PATCH', `/v3/projects/${p.id}`, {
            token: admin,
            body: { project: { name: 7 } },
          })
        ).status,
        400,
      );
      assert.equal(
        (await h.request('PATCH', `/v3/projects/${p.id}`, { token: admin, body: { projectx: {} } }))
          .status,
        400,
      );
      assert.equal(
        (await h.request('DELETE', `/v3/projects/${p.id}`, { token: admin })).status,
        204,
      );
      assert.equal((await h.request('GET', `/v3/projects/${p.id}`, { token: admin })).status, 404);
    });

    test('pagination with limit and marker', async () => {
      for (const n of ['pa', 'pb', 'pc']) {
        await createProject(h, admin, n);
      }
      const all = (await h.request('GET', '/v3/projects', { token: admin })).body.projects.length;
      const seen: string[] = [];
      let url: string | null = '/v3/projects?limit=2';
      while (url) {
        const res = await h.request('GET', url, { token: admin });
        assert.ok(res.body.projects.length <= 2);
        seen.push(...res.body.projects.map((p: { id: string }) => p.id));
        url = res.body.links.next
          ? new URL(res.body.links.next).pathname + new URL(res.body.links.next).search
          : null;
      }
      assert.equal(seen.length, all);
      assert.equal(new Set(seen).size, all);
      assert.equal(
        (await h.request('GET', '/v3/projects?limit=abc', { token: admin })).status,
        400,
      );
    });

    test('a member sees only its own scope', async () => {
      assert.equal((await h.request('GET', '/v3/projects', { token: member })).status, 403);
      assert.equal((await h.request('GET', `/v3/projects/${demo}`, { token: member })).status, 200);
      const admins = (await h.request('GET', '/v3/projects?name=admin', { token: admin })).body
        .projects[0].id;
      assert.equal(
        (await h.request('GET', `/v3/projects/${admins}`, { token: member })).status,
        403,
      );
      assert.equal((await h.request('GET', '/v3/users', { token: member })).status, 403);
      assert.equal(
        (
          await h.request('POST', '/v3/projects', {
            token: member,
            body: { project: { name: 'x' } },
          })
        ).status,
        403,
      );
      assert.equal((await h.request('GET', '/v3/roles', { token: member })).status, 403);
      assert.equal((await h.request('GET', '/v3/role_assignments', { token: member })).status, 403);
      assert.equal((await h.request('GET', '/v3/domains', { token: member })).status, 403);
      assert.equal((await h.request('GET', '/v3/domains/default', { token: member })).status, 200);
      const me = (
        await h.request('GET', `/v3/auth/tokens`, {
          token: member,
          headers: { 'X-Subject-Token': member },
        })
      ).body.token.user.id;
      assert.equal((await h.request('GET', `/v3/users/${me}`, { token: member })).status, 200);
      assert.equal(
        (await h.request('GET', `/v3/users/${me}/projects`, { token: member })).body.projects[0].id,
        demo,
      );
      const adminUser = (await h.request('GET', '/v3/users?name=admin', { token: admin })).body
        .users[0].id;
      assert.equal(
        (await h.request('GET', `/v3/users/${adminUser}`, { token: member })).status,
        403,
      );
      assert.equal(
        (await h.request('GET', `/v3/users/${adminUser}/projects`, { token: member })).status,
        403,
      );
      const own = await h.request('GET', `/v3/role_assignments?user.id=${me}`, { token: member });
      assert.equal(own.status, 200);
      assert.equal(
        (await h.request('PUT', `/v3/projects/${demo}/users/${me}/roles/x`, { token: member }))
          .status,
        403,
      );
      assert.equal((await h.request('GET', '/v3/endpoints', { token: member })).status, 403);
      assert.equal((await h.request('GET', '/v3/regions', { token: member })).status, 200);
    });

    test('users: password never returned, extra attributes, options, 409 on duplicate name', async () => {
      const res = await h.request('POST', '/v3/users', {
        token: admin,
        body: {
          user: {
            name: 'u1',
            password: 'u1-pw',
            email: 'u1@example.org',
            description: 'd',
            options: { ignore_lockout_failure_attempts: true },
          },
        },
      });
      assert.equal(res.status, 201);
      const u = res.body.user;
      assert.equal(u.email, 'u1@example.org');
      assert.deepEqual(u.options, { ignore_lockout_failure_attempts: true });
      assert.equal(u.password, undefined);
      assert.equal(u.password_expires_at, null);
      assert.doesNotMatch(res.text, /u1-pw|argon2/);
      assert.equal(
        (await h.request('POST', '/v3/users', { token: admin, body: { user: { name: 'u1' } } }))
          .status,
        409,
      );
      assert.equal(
        (
          await h.request('POST', '/v3/users', {
            token: admin,
            body: { user: { name: 'u2', options: { bogus: 1 } } },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.request('POST', '/v3/users', {
            token: admin,
            body: { user: { name: 'u3', domain_id: 'nope' } },
          })
        ).status,
        400,
      );
      const list = await h.request('GET', '/v3/users?name=u1', { token: admin });
      assert.deepEqual(
        list.body.users.map((x: { id: string }) => x.id),
        [u.id],
      );
      const other = await h.request('GET', '/v3/users?domain_id=nope', { token: admin });
      assert.deepEqual(other.body.users, []);
    });

    test('groups and membership', async () => {
      const g = (
        await h.request('POST', '/v3/groups', {
          token: admin,
          body: { group: { name: 'g1', description: 'x' } },
        })
      ).body.group;
      const u = (await h.request('GET', '/v3/users?name=alice', { token: admin })).body.users[0].id;
      assert.equal(
        (await h.request('PUT', `/v3/groups/${g.id}/users/${u}`, { token: admin })).status,
        204,
      );
      assert.equal(
        (await h.request('HEAD', `/v3/groups/${g.id}/users/${u}`, { token: admin })).status,
        204,
      );
      const members = await h.request('GET', `/v3/groups/${g.id}/users`, { token: admin });
      assert.deepEqual(
        members.body.users.map((x: { name: string }) => x.name),
        ['alice'],
      );
      const mine = await h.request('GET', `/v3/users/${u}/groups`, { token: member });
      assert.deepEqual(
        mine.body.groups.map((x: { name: string }) => x.name),
        ['g1'],
      );
      assert.equal(
        (await h.request('GET', '/v3/groups?name=g1', { token: admin })).body.groups.length,
        1,
      );
      assert.equal(
        (await h.request('DELETE', `/v3/groups/${g.id}/users/${u}`, { token: admin })).status,
        204,
      );
      assert.equal(
        (await h.request('HEAD', `/v3/groups/${g.id}/users/${u}`, { token: admin })).status,
        404,
      );
      assert.equal((await h.request('DELETE', `/v3/groups/${g.id}`, { token: admin })).status, 204);
      assert.equal((await h.request('GET', `/v3/groups/${g.id}`, { token: admin })).status, 404);
      member = await h.token({ user: 'alice', project: 'demo' }); // membership removal revoked the old one
    });

    test('unknown routes and methods answer in Keystone shape', async () => {
      const res = await h.request('GET', '/v3/nonexistent', { token: admin });
      assert.equal(res.status, 404);
      assert.ok(isKeystoneError(res.body, 404));
    });
  });
}
