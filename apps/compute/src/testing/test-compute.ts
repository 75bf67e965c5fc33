import { createTestPostgres, tempDir } from '@tinystack/testing';
import { computeConfig, type ComputeConfig } from '../config.js';
import { startCompute, type ComputeServer } from '../start.js';
import { startIdentityStandIn, callers, makeTokenSigner, type TokenSigner } from '@tinystack/auth/testing';

export interface TestCompute {
  readonly url: string;
  readonly server: ComputeServer;
  readonly config: ComputeConfig;
  readonly signer: TokenSigner;
  readonly tokens: ReturnType<typeof callers>;
  /** A call on the API with a token and, optionally, a microversion; the body parsed as JSON. */
  call(method: string, path: string, opts?: CallOptions): Promise<HttpResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly token?: string | undefined;
  /** The microversion, sent as OpenStack-API-Version. */
  readonly version?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

export interface TestComputeOptions {
  readonly databaseUrl?: string | undefined;
  /** Extra configuration variables (strings, as in the environment). */
  readonly env?: Readonly<Record<string, string>>;
  readonly start?: (cfg: ComputeConfig) => Promise<ComputeServer>;
  /** Use this data directory (kept on close): a restart on the same SQLite file. */
  readonly dataDir?: string;
  /** Sign tokens with this signer (a restart keeps the callers' tokens valid). */
  readonly signer?: TokenSigner;
}

/**
 * The compute service in this process for medium tests: real SQLite (or the PostgreSQL at
 * `databaseUrl`), real HTTP on 127.0.0.1, and real token verification against a stand-in
 * identity (an app cannot start another app).
 */
export async function startTestCompute(opts: TestComputeOptions = {}): Promise<TestCompute> {
  const dir = opts.dataDir ? { path: opts.dataDir, cleanup: () => undefined } : tempDir('compute-test-');
  const signer = opts.signer ?? makeTokenSigner();
  const identity = await startIdentityStandIn(signer, 'service-secret');
  const config = computeConfig.from({
    COMPUTE_HTTP_PORT: '0',
    COMPUTE_GRPC_PORT: '0',
    TINYSTACK_DATA_DIR: dir.path,
    IDENTITY_GRPC_URL: identity.url,
    TINYSTACK_SERVICE_PASSWORD: 'service-secret',
    TINYSTACK_LOG_LEVEL: 'silent',
    COMPUTE_PUBLIC_URL: 'http://compute.test:8774',
    ...(opts.databaseUrl ? { COMPUTE_DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  const server = await (opts.start ?? startCompute)(config);
  return {
    url: server.httpUrl,
    server,
    config,
    signer,
    tokens: callers(signer),
    call: (method, path, opts = {}) => callApi(server.httpUrl, method, path, opts),
    close: async () => {
      await server.close();
      await identity.server.shutdown();
      dir.cleanup();
    },
  };
}

/** One HTTP call on a compute API at `base`. */
export async function callApi(base: string, method: string, path: string, opts: CallOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) {
    headers['X-Auth-Token'] = opts.token;
  }
  if (opts.version) {
    headers['OpenStack-API-Version'] = `compute ${opts.version}`;
  }
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(base + path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** startTestCompute on `dialect`: a fresh PostgreSQL database for 'postgres', dropped on close. */
export async function startTestComputeOn(
  dialect: 'sqlite' | 'postgres',
  opts: Omit<TestComputeOptions, 'databaseUrl'> = {},
): Promise<TestCompute> {
  if (dialect === 'sqlite') {
    return startTestCompute(opts);
  }
  const pg = await createTestPostgres();
  const t = await startTestCompute({ ...opts, databaseUrl: pg.url });
  return {
    ...t,
    close: async () => {
      await t.close();
      await pg.drop();
    },
  };
}
