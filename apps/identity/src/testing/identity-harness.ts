// Test support (not a test): boots the real identity service (HTTP + gRPC) on free ports with
// a temporary data directory, on SQLite or on a fresh PostgreSQL database.
import { identityV1 } from '@tinystack/contracts';
import {
  createServiceClient,
  type Channel,
  type Client,
  type TinystackCallOptions,
} from '@tinystack/grpc';
import { createTestPostgres, freePort, tempDir } from '@tinystack/testing';
import { identityConfig, type IdentityConfig } from '../config.js';
import { startIdentity, type IdentityServer } from '../start.js';

export type Dialect = 'sqlite' | 'postgres';
export type GrpcClient = Client<typeof identityV1.IdentityServiceDefinition, TinystackCallOptions>;

export const ADMIN_PASSWORD = 'admin-Secret-1';
export const SERVICE_PASSWORD = 'service-Secret-1';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

export interface RequestOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  /** Sent as is (for malformed-body tests). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface Harness {
  readonly dialect: Dialect;
  readonly cfg: IdentityConfig;
  readonly server: IdentityServer;
  readonly url: string;
  readonly grpc: GrpcClient;
  request(method: string, path: string, opts?: RequestOptions): Promise<HttpResult>;
  /** A token for `user` (default admin) scoped to `project` (default admin), via the REST API. */
  token(opts?: {
    user?: string;
    password?: string;
    project?: string | null;
    domain?: string;
  }): Promise<string>;
  /** Stop the service (and keep the data unless `cleanup`). */
  stop(): Promise<void>;
  /** Start the service again on the same data (bootstrap idempotency, restarts), with `env` changes. */
  restart(env?: Record<string, string>): Promise<Harness>;
  close(): Promise<void>;
}

interface Shared {
  dialect: Dialect;
  env: Record<string, string>;
  cleanups: Array<() => Promise<void> | void>;
}

async function boot(shared: Shared): Promise<Harness> {
  const cfg = identityConfig.from(shared.env);
  const server = await startIdentity(cfg);
  const { client, channel } = createServiceClient(
    identityV1.IdentityServiceDefinition,
    server.grpcAddress,
  );
  return makeHarness(shared, cfg, server, client, channel);
}

function makeHarness(
  shared: Shared,
  cfg: IdentityConfig,
  server: IdentityServer,
  grpc: GrpcClient,
  channel: Channel,
): Harness {
  const url = server.httpUrl;
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      channel.close();
      await server.close();
    }
  };
  const h: Harness = {
    dialect: shared.dialect,
    cfg,
    server,
    url,
    grpc,
    request: (method, path, opts = {}) => httpRequest(url, method, path, opts),
    token: (opts = {}) => issueToken(h, opts),
    stop,
    restart: async (env = {}) => {
      await stop();
      shared.env = { ...shared.env, ...env };
      return boot(shared);
    },
    close: async () => {
      await stop();
      for (const c of shared.cleanups.reverse()) {
        await c();
      }
    },
  };
  return h;
}

async function httpRequest(
  url: string,
  method: string,
  path: string,
  opts: RequestOptions,
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) {
    headers['X-Auth-Token'] = opts.token;
  }
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
  }
  if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

async function issueToken(
  h: Harness,
  opts: { user?: string; password?: string; project?: string | null; domain?: string },
): Promise<string> {
  const user = opts.user ?? 'admin';
  const password = opts.password ?? (user === 'admin' ? ADMIN_PASSWORD : `${user}-pw`);
  const scope =
    opts.domain !== undefined
      ? { domain: { id: opts.domain } }
      : opts.project === null
        ? 'unscoped'
        : { project: { name: opts.project ?? 'admin', domain: { id: 'default' } } };
  const res = await h.request('POST', '/v3/auth/tokens', {
    body: {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user, domain: { id: 'default' }, password } },
        },
        scope,
      },
    },
  });
  if (res.status !== 201) {
    throw new Error(`token for ${user}: ${res.status} ${res.text}`);
  }
  return res.headers.get('x-subject-token') as string;
}

/** Start identity for one test file; `env` overrides configuration (IDENTITY_LOCKOUT_FAILURES, ...). */
export async function startHarness(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<Harness> {
  const dir = tempDir('identity-test-');
  const shared: Shared = { dialect, env: {}, cleanups: [dir.cleanup] };
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const pg = await createTestPostgres();
    shared.cleanups.push(pg.drop);
    databaseUrl = pg.url;
  }
  shared.env = {
    TINYSTACK_DATA_DIR: dir.path,
    TINYSTACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TINYSTACK_SERVICE_PASSWORD: SERVICE_PASSWORD,
    IDENTITY_HTTP_PORT: String(await freePort()),
    IDENTITY_GRPC_PORT: String(await freePort()),
    ...(databaseUrl ? { IDENTITY_DATABASE_URL: databaseUrl } : {}),
    ...env,
  };
  return boot(shared);
}

/** Create a user with password `<name>-pw` and (optionally) a role on a project, as admin. */
export async function createUser(
  h: Harness,
  admin: string,
  name: string,
  grant?: { project: string; role: string },
): Promise<string> {
  const res = await h.request('POST', '/v3/users', {
    token: admin,
    body: { user: { name, password: `${name}-pw`, domain_id: 'default' } },
  });
  if (res.status !== 201) {
    throw new Error(`create user ${name}: ${res.status} ${res.text}`);
  }
  const id = res.body.user.id as string;
  if (grant) {
    const roles = await h.request('GET', `/v3/roles?name=${grant.role}`, { token: admin });
    const roleId = roles.body.roles[0].id as string;
    const g = await h.request('PUT', `/v3/projects/${grant.project}/users/${id}/roles/${roleId}`, {
      token: admin,
    });
    if (g.status !== 204) {
      throw new Error(`grant: ${g.status} ${g.text}`);
    }
  }
  return id;
}

/** Create a project as admin; returns its id. */
export async function createProject(
  h: Harness,
  admin: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await h.request('POST', '/v3/projects', {
    token: admin,
    body: { project: { name, domain_id: 'default', ...extra } },
  });
  if (res.status !== 201) {
    throw new Error(`create project ${name}: ${res.status} ${res.text}`);
  }
  return res.body.project.id as string;
}

/** The id of a role by name. */
export async function roleId(h: Harness, admin: string, name: string): Promise<string> {
  const res = await h.request('GET', `/v3/roles?name=${name}`, { token: admin });
  return res.body.roles[0].id as string;
}

/** Keystone's error shape, asserted loosely: {"error": {"code", "title", "message"}}. */
export function isKeystoneError(body: unknown, code: number): boolean {
  const e = (body as { error?: { code?: unknown; title?: unknown; message?: unknown } } | undefined)
    ?.error;
  return !!e && e.code === code && typeof e.title === 'string' && typeof e.message === 'string';
}
