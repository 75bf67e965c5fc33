// Medium test: POST /v3/auth/tokens against the real service (REST + gRPC), on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import {
  ADMIN_PASSWORD,
  SERVICE_PASSWORD,
  createProject,
  createUser,
  isKeystoneError,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

const passwordAuth = (user: Record<string, unknown>, scope?: unknown) => ({
  auth: {
    identity: { methods: ['password'], password: { user } },
    ...(scope !== undefined ? { scope } : {}),
  },
});

for (const dialect of testDialects()) {
  describe(`authentication (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let aliceId: string;

    before(async () => {
      h = await startHarness(dialect, {
        IDENTITY_LOCKOUT_FAILURES: '3',
        IDENTITY_LOCKOUT_DURATION: '2s',
      });
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      aliceId = await createUser(h, admin, 'alice', { project: demo, role: 'member' });
    });
    after(() => h.close());

    test('version discovery: GET / is 300 with a self link, GET /v3 is the version', async () => {
      const root = await h.request('GET', '/');
      assert.equal(root.status, 300);
      const v = root.body.versions.values[0];
      assert.equal(v.id, 'v3.14');
      assert.equal(v.status, 'stable');
      assert.deepEqual(v.links, [{ rel: 'self', href: `${h.url}/v3/` }]);
      assert.equal(v['media-types'][0].base, 'application/json');
      const v3 = await h.request('GET', '/v3');
      assert.equal(v3.status, 200);
      assert.deepEqual(v3.body.version, v);
    });

    test('password by name and domain name, project scope: Keystone token document', async () => {
      const res = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth(
          { name: 'admin', domain: { name: 'Default' }, password: ADMIN_PASSWORD },
          { project: { name: 'admin', domain: { name: 'Default' } } },
        ),
      });
      assert.equal(res.status, 201);
      assert.match(res.headers.get('x-subject-token') ?? '', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      const t = res.body.token;
      assert.deepEqual(t.methods, ['password']);
      assert.equal(t.user.name, 'admin');
      assert.deepEqual(t.user.domain, { id: 'default', name: 'Default' });
      assert.equal(t.project.name, 'admin');
      assert.deepEqual(t.project.domain, { id: 'default', name: 'Default' });
      assert.deepEqual(
        t.roles.map((r: { name: string }) => r.name).sort(),
        ['admin', 'member', 'reader'],
        'effective roles, implied included',
      );
      assert.match(t.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.match(t.issued_at, /Z$/);
      const ttl = Date.parse(t.expires_at) - Date.parse(t.issued_at);
      assert.ok(Math.abs(ttl - 3_600_000) < 2000, `default TTL is one hour (${ttl})`);
      assert.equal(t.audit_ids.length, 1);
      const types = t.catalog.map((s: { type: string }) => s.type).sort();
      assert.deepEqual(types, ['compute', 'identity', 'image', 'object-store']);
      for (const s of t.catalog) {
        for (const e of s.endpoints) {
          assert.equal(e.region, 'RegionOne');
          assert.equal(e.region_id, 'RegionOne');
          assert.ok(['public', 'internal'].includes(e.interface));
          assert.ok(e.id && e.url);
        }
      }
      const swift = t.catalog.find((s: { type: string }) => s.type === 'object-store');
      assert.equal(swift.endpoints[0].url, `http://127.0.0.1:8080/v1/AUTH_${t.project.id}`);
    });

    test('password by user id; unscoped with "unscoped"; nocatalog', async () => {
      const res = await h.request('POST', '/v3/auth/tokens?nocatalog', {
        body: passwordAuth({ id: aliceId, password: 'alice-pw' }, 'unscoped'),
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.token.project, undefined);
      assert.equal(res.body.token.catalog, undefined);
      assert.equal(res.body.token.roles, undefined);
    });

    test('no scope uses the default project when the user has a role there', async () => {
      const bob = await createUser(h, admin, 'bob', { project: demo, role: 'reader' });
      await h.request('PATCH', `/v3/users/${bob}`, {
        token: admin,
        body: { user: { default_project_id: demo } },
      });
      const res = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: bob, password: 'bob-pw' }),
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.token.project.id, demo);
      assert.deepEqual(
        res.body.token.roles.map((r: { name: string }) => r.name),
        ['reader'],
      );
    });

    test('domain scope needs a role on the domain', async () => {
      const ok = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth(
          { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD },
          { domain: { id: 'default' } },
        ),
      });
      assert.equal(ok.status, 201);
      assert.deepEqual(ok.body.token.domain, { id: 'default', name: 'Default' });
      const denied = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: aliceId, password: 'alice-pw' }, { domain: { name: 'Default' } }),
      });
      assert.equal(denied.status, 401);
    });

    test('a user with no role on a project cannot get a token scoped to it', async () => {
      const res = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth(
          { id: aliceId, password: 'alice-pw' },
          { project: { name: 'admin', domain: { id: 'default' } } },
        ),
      });
      assert.equal(res.status, 401);
      assert.ok(isKeystoneError(res.body, 401));
      const unknown = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: aliceId, password: 'alice-pw' }, { project: { id: 'nope' } }),
      });
      assert.equal(unknown.status, 401);
    });

    test('disabled users, projects and domains cannot authenticate or be scoped', async () => {
      const p = await createProject(h, admin, 'soon-disabled');
      const carol = await createUser(h, admin, 'carol', { project: p, role: 'member' });
      await h.request('PATCH', `/v3/projects/${p}`, {
        token: admin,
        body: { project: { enabled: false } },
      });
      const scoped = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: carol, password: 'carol-pw' }, { project: { id: p } }),
      });
      assert.equal(scoped.status, 401);
      await h.request('PATCH', `/v3/users/${carol}`, {
        token: admin,
        body: { user: { enabled: false } },
      });
      const login = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: carol, password: 'carol-pw' }, 'unscoped'),
      });
      assert.equal(login.status, 401);
    });

    test('wrong passwords and unknown users are 401 in Keystone shape', async () => {
      for (const user of [
        { id: aliceId, password: 'nope' },
        { name: 'ghost', domain: { id: 'default' }, password: 'x' },
        { name: 'alice', domain: { name: 'NoSuchDomain' }, password: 'alice-pw' },
      ]) {
        const res = await h.request('POST', '/v3/auth/tokens', { body: passwordAuth(user) });
        assert.equal(res.status, 401);
        assert.ok(isKeystoneError(res.body, 401));
        assert.equal(res.headers.get('x-subject-token'), null);
      }
      await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: aliceId, password: 'alice-pw' }, 'unscoped'),
      }); // reset the count
    });

    test('repeated failures lock the account for the configured time, even for the right password', async () => {
      const dave = await createUser(h, admin, 'dave', { project: demo, role: 'member' });
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (
            await h.request('POST', '/v3/auth/tokens', {
              body: passwordAuth({ id: dave, password: 'bad' }),
            })
          ).status,
          401,
        );
      }
      const locked = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: dave, password: 'dave-pw' }),
      });
      assert.equal(locked.status, 401);
      assert.match(locked.body.error.message, /locked/);
      await new Promise((r) => setTimeout(r, 2100));
      const unlocked = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: dave, password: 'dave-pw' }),
      });
      assert.equal(unlocked.status, 201);
    });

    test('service users are exempt from the lockout (their services must keep working)', async () => {
      const login = (password: string) =>
        h.request('POST', '/v3/auth/tokens', {
          body: passwordAuth({ name: 'compute', domain: { id: 'default' }, password }, 'unscoped'),
        });
      for (let i = 0; i < 4; i++) {
        assert.equal((await login('guess')).status, 401);
      }
      assert.equal((await login(SERVICE_PASSWORD)).status, 201);
    });

    test('token method rescopes, keeps the expiry and chains audit ids', async () => {
      const unscoped = await h.request('POST', '/v3/auth/tokens', {
        body: passwordAuth({ id: aliceId, password: 'alice-pw' }, 'unscoped'),
      });
      const parent = unscoped.headers.get('x-subject-token') as string;
      const res = await h.request('POST', '/v3/auth/tokens', {
        body: {
          auth: {
            identity: { methods: ['token'], token: { id: parent } },
            scope: { project: { id: demo } },
          },
        },
      });
      assert.equal(res.status, 201);
      const t = res.body.token;
      assert.equal(t.project.id, demo);
      assert.deepEqual(t.methods.sort(), ['password', 'token']);
      assert.equal(t.expires_at, unscoped.body.token.expires_at);
      assert.equal(t.audit_ids[1], unscoped.body.token.audit_ids[0]);
      const bad = await h.request('POST', '/v3/auth/tokens', {
        body: { auth: { identity: { methods: ['token'], token: { id: 'garbage' } } } },
      });
      assert.equal(bad.status, 401);
    });

    test('malformed and unknown input is a 400 in Keystone shape, never a 500', async () => {
      const cases: Array<
        [string, { rawBody?: string; body?: unknown; headers?: Record<string, string> }]
      > = [
        ['not JSON', { rawBody: '{"auth": ' }],
        ['a JSON string', { rawBody: '"hello"' }],
        ['no identity', { body: { auth: {} } }],
        [
          'unknown top-level key',
          {
            body: {
              auth: {
                identity: { methods: ['password'], password: { user: { id: 'x', password: 'y' } } },
              },
              extra: 1,
            },
          },
        ],
        ['wrong type', { body: { auth: { identity: { methods: 'password' } } } }],
        ['no user ref', { body: passwordAuth({ password: 'x' }) }],
        [
          'bad scope',
          { body: passwordAuth({ id: aliceId, password: 'alice-pw' }, { project: {} }) },
        ],
      ];
      for (const [name, opts] of cases) {
        const res = await h.request('POST', '/v3/auth/tokens', opts);
        assert.equal(res.status, 400, `${name}: ${res.text}`);
        assert.ok(isKeystoneError(res.body, 400), name);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      }
      const unsupported = await h.request('POST', '/v3/auth/tokens', {
        body: { auth: { identity: { methods: ['totp'] } } },
      });
      assert.equal(unsupported.status, 401);
    });

    test('request bodies over 112 KiB are refused with 413', async () => {
      const res = await h.request('POST', '/v3/auth/tokens', {
        rawBody: JSON.stringify({ pad: 'x'.repeat(120 * 1024) }),
      });
      assert.equal(res.status, 413);
      assert.ok(isKeystoneError(res.body, 413));
    });
  });
}
