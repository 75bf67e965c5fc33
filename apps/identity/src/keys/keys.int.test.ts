// Medium test: signing key rotation and bootstrap idempotency across restarts, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { DataSource } from 'typeorm';
import { createProject, startHarness, type Harness } from '../testing/identity-harness.js';
import { KeysService } from './keys.service.js';
import { SigningKeyEntity } from './signing-key.entity.js';

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string })
    .kid;

for (const dialect of testDialects()) {
  describe(`keys and bootstrap (${dialect})`, () => {
    let h: Harness;

    before(async () => {
      h = await startHarness(dialect);
    });
    after(() => h.close());

    test('rotation: new tokens use the new key, old tokens stay valid, both keys are listed', async () => {
      const admin = await h.token();
      const oldKid = kidOf(admin);
      const newKid = await h.server.app.get(KeysService).rotate();
      assert.notEqual(newKid, oldKid);
      const fresh = await h.token();
      assert.equal(kidOf(fresh), newKid);
      const check = await h.request('GET', '/v3/auth/tokens', {
        token: fresh,
        headers: { 'X-Subject-Token': admin },
      });
      assert.equal(check.status, 200, 'a token signed by the previous key still validates');
      assert.equal((await h.request('GET', '/v3/auth/catalog', { token: admin })).status, 200);
      const keys = (await h.grpc.listSigningKeys({})).keys.map((k) => k.kid);
      assert.deepEqual(keys, [newKid, oldKid], 'newest first');
    });

    test('private keys stay in the database, never in any response', async () => {
      const ds = h.server.app.get(DataSource);
      const rows = await ds.getRepository(SigningKeyEntity).find();
      assert.ok(rows.every((r) => r.privateKeyPem.includes('PRIVATE KEY')));
      const listed = JSON.stringify(await h.grpc.listSigningKeys({}));
      for (const r of rows) {
        assert.ok(!listed.includes(r.privateKeyPem.split('\n')[1] ?? 'x'));
      }
    });

    test('restart: bootstrap is idempotent, data and signing keys survive, tokens stay valid', async () => {
      const admin = await h.token();
      const demo = await createProject(h, admin, 'demo');
      const countsBefore = await counts(h, admin);
      h = await h.restart();
      const after = await counts(h, admin);
      assert.deepEqual(
        after,
        countsBefore,
        'no duplicate domain, roles, projects, users or endpoints',
      );
      assert.equal(
        (await h.request('GET', `/v3/projects/${demo}`, { token: admin })).status,
        200,
        'old token still valid',
      );
      const implied = await h.request('GET', '/v3/role_inferences', { token: admin });
      assert.equal(implied.body.role_inferences.length, 2);
    });

    test('restart with a new admin password: bootstrap resets it and revokes the old tokens', async () => {
      const old = await h.token();
      h = await h.restart({ TINYSTACK_ADMIN_PASSWORD: 'new-admin-pw' });
      const login = (password: string) =>
        h.request('POST', '/v3/auth/tokens', {
          body: {
            auth: {
              identity: {
                methods: ['password'],
                password: { user: { name: 'admin', domain: { id: 'default' }, password } },
              },
            },
          },
        });
      assert.equal((await login('admin-Secret-1')).status, 401);
      assert.equal((await login('new-admin-pw')).status, 201);
      assert.equal((await h.request('GET', '/v3/auth/catalog', { token: old })).status, 401);
    });
  });
}

async function counts(h: Harness, admin: string): Promise<Record<string, number>> {
  const n = async (path: string, key: string) =>
    ((await h.request('GET', path, { token: admin })).body[key] as unknown[]).length;
  return {
    domains: await n('/v3/domains', 'domains'),
    projects: await n('/v3/projects', 'projects'),
    users: await n('/v3/users', 'users'),
    roles: await n('/v3/roles', 'roles'),
    services: await n('/v3/services', 'services'),
    endpoints: await n('/v3/endpoints', 'endpoints'),
    regions: await n('/v3/regions', 'regions'),
    assignments: await n('/v3/role_assignments', 'role_assignments'),
  };
}
