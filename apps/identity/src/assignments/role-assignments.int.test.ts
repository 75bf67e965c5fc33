// Medium test: grants and GET /v3/role_assignments (filters, effective, include_names, include_subtree).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  roleId,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

interface Listed {
  role: { id: string; name?: string };
  user?: { id: string; name?: string; domain?: { id: string; name: string } };
  group?: { id: string };
  scope: { project?: { id: string; name?: string }; domain?: { id: string } };
  links: { assignment: string; membership?: string; prior_role?: string };
}

for (const dialect of testDialects()) {
  describe(`role assignments (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let child: string;
    let alice: string;
    let bob: string;
    let group: string;
    let member: string;
    let reader: string;

    const list = async (query: string): Promise<Listed[]> => {
      const res = await h.request('GET', `/v3/role_assignments${query}`, { token: admin });
      assert.equal(res.status, 200, res.text);
      return res.body.role_assignments as Listed[];
    };
    const names = (rows: Listed[]) =>
      rows
        .map(
          (r) => `${r.role.name ?? r.role.id}:${r.user?.name ?? r.user?.id ?? `g:${r.group?.id}`}`,
        )
        .sort();

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      child = await createProject(h, admin, 'child', { parent_id: demo });
      alice = await createUser(h, admin, 'alice', { project: demo, role: 'member' });
      bob = await createUser(h, admin, 'bob');
      member = await roleId(h, admin, 'member');
      reader = await roleId(h, admin, 'reader');
      group = (
        await h.request('POST', '/v3/groups', {
          token: admin,
          body: { group: { name: 'readers' } },
        })
      ).body.group.id;
      await h.request('PUT', `/v3/groups/${group}/users/${bob}`, { token: admin });
      await h.request('PUT', `/v3/projects/${demo}/groups/${group}/roles/${reader}`, {
        token: admin,
      });
      await h.request('PUT', `/v3/projects/${child}/users/${bob}/roles/${member}`, {
        token: admin,
      });
    });
    after(() => h.close());

    test('grants: PUT is idempotent, HEAD checks, GET lists, unknown ids are 404', async () => {
      const path = `/v3/projects/${demo}/users/${alice}/roles/${member}`;
      assert.equal((await h.request('PUT', path, { token: admin })).status, 204);
      assert.equal((await h.request('HEAD', path, { token: admin })).status, 204);
      assert.equal(
        (
          await h.request('HEAD', `/v3/projects/${demo}/users/${alice}/roles/${reader}`, {
            token: admin,
          })
        ).status,
        404,
      );
      const roles = await h.request('GET', `/v3/projects/${demo}/users/${alice}/roles`, {
        token: admin,
      });
      assert.deepEqual(
        roles.body.roles.map((r: { name: string }) => r.name),
        ['member'],
      );
      assert.equal(
        (
          await h.request('PUT', `/v3/projects/${demo}/users/nope/roles/${member}`, {
            token: admin,
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await h.request('PUT', `/v3/projects/nope/users/${alice}/roles/${member}`, {
            token: admin,
          })
        ).status,
        404,
      );
      assert.equal(
        (await h.request('PUT', `/v3/projects/${demo}/users/${alice}/roles/nope`, { token: admin }))
          .status,
        404,
      );
      assert.equal(
        (
          await h.request('PUT', `/v3/domains/default/groups/${group}/roles/${reader}`, {
            token: admin,
          })
        ).status,
        204,
      );
      assert.equal(
        (
          await h.request('DELETE', `/v3/domains/default/groups/${group}/roles/${reader}`, {
            token: admin,
          })
        ).status,
        204,
      );
    });

    test('filters by project, user, group and role; direct assignments only', async () => {
      const onDemo = await list(`?scope.project.id=${demo}&include_names=1`);
      assert.deepEqual(names(onDemo), ['member:alice', `reader:g:${group}`]);
      const a = onDemo.find((r) => r.user?.name === 'alice') as Listed;
      assert.deepEqual(a.user?.domain, { id: 'default', name: 'Default' });
      assert.equal(a.scope.project?.name, 'demo');
      assert.equal(
        a.links.assignment,
        `${h.url}/v3/projects/${demo}/users/${alice}/roles/${member}`,
      );
      assert.deepEqual(names(await list(`?user.id=${bob}&include_names=true`)), ['member:bob']);
      assert.equal((await list(`?group.id=${group}`)).length, 1);
      assert.equal((await list(`?role.id=${reader}&scope.project.id=${demo}`)).length, 1);
      assert.equal(
        (await list('?scope.domain.id=default')).every((r) => r.scope.domain?.id === 'default'),
        true,
      );
      assert.deepEqual(await list('?scope.OS-INHERIT:inherited_to=projects'), []);
    });

    test('effective: groups expand to members, implied roles are added', async () => {
      const eff = await list(`?effective&scope.project.id=${demo}&include_names=1`);
      assert.deepEqual(names(eff), ['member:alice', 'reader:alice', 'reader:bob']);
      const viaGroup = eff.find((r) => r.user?.name === 'bob') as Listed;
      assert.equal(viaGroup.links.membership, `${h.url}/v3/groups/${group}/users/${bob}`);
      const implied = eff.find(
        (r) => r.user?.name === 'alice' && r.role.name === 'reader',
      ) as Listed;
      assert.equal(implied.links.prior_role, `${h.url}/v3/roles/${member}`);
      assert.deepEqual(names(await list(`?effective&user.id=${bob}&include_names=1`)), [
        'member:bob',
        'reader:bob',
        'reader:bob',
      ]);
    });

    test('include_subtree lists the children too', async () => {
      const tree = await list(`?scope.project.id=${demo}&include_subtree=true`);
      assert.ok(tree.some((r) => r.scope.project?.id === child));
      assert.equal(
        (await h.request('GET', '/v3/role_assignments?include_subtree=1', { token: admin })).status,
        400,
      );
    });

    test('contradictory filters are 400', async () => {
      for (const q of [
        `?effective&group.id=${group}`,
        `?scope.project.id=${demo}&scope.domain.id=default`,
        `?user.id=${bob}&group.id=${group}`,
      ]) {
        assert.equal(
          (await h.request('GET', `/v3/role_assignments${q}`, { token: admin })).status,
          400,
          q,
        );
      }
    });
  });
}
