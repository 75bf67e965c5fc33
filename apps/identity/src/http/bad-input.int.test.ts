// Medium test: bad input of every kind gets a 4xx in Keystone's error shape, never a 500,
// on SQLite and PostgreSQL (which refuses some strings SQLite stores).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { testDialects } from '@tinystack/testing';
import {
  isKeystoneError,
  startHarness,
  type Harness,
  type RequestOptions,
} from '../testing/identity-harness.js';

const long = 'x'.repeat(5000);
const NUL = 'a\u0000b';

const CASES: Array<[string, string, RequestOptions & { auth?: boolean }]> = [
  ['GET', '/v3/projects/%00x', {}],
  ['GET', `/v3/projects/${long}`, {}],
  ['GET', '/v3/projects/%E0%A4%A', {}],
  ['GET', '/v3/projects?name=%00', {}],
  ['GET', '/v3/projects?name=a&name=b', {}],
  ['GET', '/v3/projects?enabled=maybe&limit=0', {}],
  ['GET', '/v3/role_assignments?user.id=%00', {}],
  ['POST', '/v3/projects', { body: { project: { name: NUL } } }],
  ['POST', '/v3/projects', { body: { project: { name: long } } }],
  ['POST', '/v3/projects', { body: { project: { name: 'ok', domain_id: long } } }],
  ['POST', '/v3/projects', { body: { project: { name: 'ok', parent_id: 'nope' } } }],
  ['POST', '/v3/projects', { body: { project: { name: 'ok', enabled: 'yes' } } }],
  ['POST', '/v3/projects', { body: { project: null } }],
  ['POST', '/v3/projects', { body: [] }],
  ['POST', '/v3/projects', { rawBody: '{"project": {"name": "x"}' }],
  [
    'POST',
    '/v3/projects',
    { rawBody: '{"project": {"name": "x"}}', headers: { 'Content-Type': 'text/plain' } },
  ],
  [
    'POST',
    '/v3/projects',
    {
      rawBody: `{"project": {"name": "deep", "nested": ${'['.repeat(40_000)}${']'.repeat(40_000)}}}`,
    },
  ],
  ['POST', '/v3/users', { body: { user: { name: 'u', password: 12345 } } }],
  ['POST', '/v3/users', { body: { user: { name: 'u', default_project_id: 'missing' } } }],
  ['PATCH', '/v3/users/nope', { body: { user: { enabled: false } } }],
  [
    'POST',
    '/v3/users/nope/password',
    { body: { user: { password: 'a', original_password: 'b' } }, auth: false },
  ],
  ['POST', '/v3/users/nope/password', { body: { user: { password: 'a' } }, auth: false }],
  ['PUT', '/v3/projects/nope/users/nope/roles/nope', {}],
  ['PUT', '/v3/roles/nope/implies/nope', {}],
  ['POST', '/v3/roles', { body: { role: { name: 'r', domain_id: 'nope' } } }],
  ['POST', '/v3/regions', { body: { region: { id: 'r', parent_region_id: 'nope' } } }],
  [
    'POST',
    '/v3/endpoints',
    { body: { endpoint: { service_id: 'nope', interface: 'public', url: 'http://x' } } },
  ],
  [
    'POST',
    '/v3/auth/tokens',
    {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: NUL, domain: { name: 'Default' }, password: 'x' } },
          },
        },
      },
      auth: false,
    },
  ],
  [
    'POST',
    '/v3/auth/tokens',
    {
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { id: long, password: 'x' } } },
        },
      },
      auth: false,
    },
  ],
  [
    'POST',
    '/v3/auth/tokens',
    { body: { auth: { identity: { methods: ['token'], token: { id: long } } } }, auth: false },
  ],
  [
    'POST',
    '/v3/auth/tokens',
    {
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { id: 'x', password: 'y' } } },
          scope: { system: { all: true } },
        },
      },
      auth: false,
    },
  ],
  ['GET', '/v3/auth/tokens', { headers: { 'X-Subject-Token': long } }],
  ['GET', '/v3/auth/catalog', { auth: false, headers: { 'X-Auth-Token': long } }],
  ['DELETE', '/v3/auth/tokens', { headers: { 'X-Subject-Token': 'garbage' } }],
];

for (const dialect of testDialects()) {
  describe(`bad input (${dialect})`, () => {
    let h: Harness;
    let admin: string;

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
    });
    after(() => h.close());

    test('every case is a 4xx with a Keystone error body', async () => {
      for (const [method, path, opts] of CASES) {
        const res = await h.request(method, path, {
          ...opts,
          token: opts.auth === false ? undefined : admin,
        });
        const what = `${method} ${path.slice(0, 60)} -> ${res.status} ${res.text.slice(0, 120)}`;
        assert.ok([400, 401, 403, 404, 409, 413].includes(res.status), what);
        assert.ok(isKeystoneError(res.body, res.status), what);
      }
    });

    test('gRPC: bad input is a client error, never INTERNAL', async () => {
      const calls: Array<() => Promise<unknown>> = [
        () => h.grpc.getUser({ id: NUL }, { token: admin }),
        () => h.grpc.getProject({ id: long }, { token: admin }),
        () => h.grpc.authenticate({ userName: NUL, userDomainName: 'Default', password: 'x' }),
        () => h.grpc.authenticate({ userId: '', userName: '', password: '' }),
        () => h.grpc.rescope({ token: 'garbage' }),
        () => h.grpc.authenticate({ userName: 'admin', userDomainName: 'Default', password: long }),
        () => h.grpc.validateToken({ token: '' }, { token: admin }),
        () =>
          h.grpc.listRoleAssignments(
            { userId: NUL, projectId: '', effective: true },
            { token: admin },
          ),
      ];
      for (const call of calls) {
        await assert.rejects(
          call(),
          (err: unknown) => err instanceof DomainError && err.kind !== 'internal',
        );
      }
    });
  });
}
