// Medium test: roles, implied roles and domains, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startHarness, type Harness } from '../testing/identity-harness.js';

for (const dialect of testDialects()) {
  describe(`roles and domains (${dialect})`, () => {
    let h: Harness;
    let admin: string;

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
    });
    after(() => h.close());

    test('roles and implied roles', async () => {
      const list = await h.request('GET', '/v3/roles', { token: admin });
      assert.deepEqual(list.body.roles.map((r: { name: string }) => r.name).sort(), [
        'admin',
        'member',
        'reader',
      ]);
      const byName = await h.request('GET', '/v3/roles?name=member', { token: admin });
      assert.equal(byName.body.roles.length, 1);
      const r = (
        await h.request('POST', '/v3/roles', { token: admin, body: { role: { name: 'observer' } } })
      ).body.role;
      assert.equal(r.domain_id, null);
      assert.equal(
        (
          await h.request('POST', '/v3/roles', {
            token: admin,
            body: { role: { name: 'observer' } },
          })
        ).status,
        409,
      );
      const reader = byName.body.roles[0].id;
      const imp = await h.request('PUT', `/v3/roles/${r.id}/implies/${reader}`, { token: admin });
      assert.equal(imp.status, 201);
      assert.equal(imp.body.role_inference.prior_role.id, r.id);
      assert.equal(
        (await h.request('HEAD', `/v3/roles/${r.id}/implies/${reader}`, { token: admin })).status,
        204,
      );
      const inferences = await h.request('GET', '/v3/role_inferences', { token: admin });
      assert.ok(
        inferences.body.role_inferences.some(
          (i: { prior_role: { id: string } }) => i.prior_role.id === r.id,
        ),
      );
      const adminRole = (await h.request('GET', '/v3/roles?name=admin', { token: admin })).body
        .roles[0].id;
      assert.equal(
        (await h.request('PUT', `/v3/roles/${r.id}/implies/${adminRole}`, { token: admin })).status,
        403,
      );
      assert.equal(
        (await h.request('DELETE', `/v3/roles/${r.id}/implies/${reader}`, { token: admin })).status,
        204,
      );
      assert.equal(
        (await h.request('GET', `/v3/roles/${r.id}/implies/${reader}`, { token: admin })).status,
        404,
      );
      assert.equal((await h.request('DELETE', `/v3/roles/${r.id}`, { token: admin })).status, 204);
    });

    test('domains: create, disable before delete, cascade', async () => {
      const d = (
        await h.request('POST', '/v3/domains', { token: admin, body: { domain: { name: 'd1' } } })
      ).body.domain;
      const p = await h.request('POST', '/v3/projects', {
        token: admin,
        body: { project: { name: 'inside', domain_id: d.id } },
      });
      assert.equal(p.body.project.domain_id, d.id);
      assert.equal(
        (await h.request('DELETE', `/v3/domains/${d.id}`, { token: admin })).status,
        403,
      );
      assert.equal(
        (
          await h.request('PATCH', `/v3/domains/${d.id}`, {
            token: admin,
            body: { domain: { enabled: false } },
          })
        ).status,
        200,
      );
      assert.equal(
        (await h.request('DELETE', `/v3/domains/${d.id}`, { token: admin })).status,
        204,
      );
      assert.equal(
        (await h.request('GET', `/v3/projects/${p.body.project.id}`, { token: admin })).status,
        404,
      );
      assert.equal(
        (await h.request('GET', '/v3/domains?name=Default', { token: admin })).body.domains.length,
        1,
      );
      assert.equal(
        (await h.request('DELETE', '/v3/domains/default', { token: admin })).status,
        403,
      );
    });
  });
}
