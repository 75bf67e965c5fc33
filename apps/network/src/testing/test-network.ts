import { callers, makeTokenSigner, startIdentityStandIn, type TokenSigner } from '@tinystack/auth/testing';
import { createTestPostgres, freePort, tempDir } from '@tinystack/testing';
import { networkConfig, type NetworkConfig } from '../config.js';
import { startNetworkService, type RunningNetworkService } from '../network-service.js';

export interface HttpResult {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestNetwork {
  readonly svc: RunningNetworkService;
  /** host:port of the gRPC server. */
  readonly grpcUrl: string;
  readonly config: NetworkConfig;
  readonly signer: TokenSigner;
  readonly tokens: ReturnType<typeof callers>;
  call(method: string, path: string, token: string | undefined, body?: unknown): Promise<HttpResult>;
  close(): Promise<void>;
}

/**
 * The network service in this process for medium tests: real SQLite or PostgreSQL, real
 * HTTP on 127.0.0.1, real token verification against a stand-in identity (an app cannot
 * start another app; the e2e suite runs it with the real identity service).
 */
export async function startTestNetwork(dialect: 'sqlite' | 'postgres', env: Readonly<Record<string, string>> = {}): Promise<TestNetwork> {
  const dir = tempDir('network-test-');
  const pg = dialect === 'postgres' ? await createTestPostgres() : undefined;
  const signer = makeTokenSigner();
  const identity = await startIdentityStandIn(signer, 'service-secret');
  const config = networkConfig.from({
    NETWORK_HTTP_PORT: '0',
    NETWORK_GRPC_PORT: String(await freePort()),
    TINYSTACK_DATA_DIR: dir.path,
    IDENTITY_GRPC_URL: identity.url,
    TINYSTACK_SERVICE_PASSWORD: 'service-secret',
    TINYSTACK_LOG_LEVEL: 'silent',
    NETWORK_PUBLIC_URL: 'http://network.test:9696',
    ...(pg ? { NETWORK_DATABASE_URL: pg.url } : {}),
    ...env,
  });
  const svc = await startNetworkService({ config });
  return {
    svc,
    grpcUrl: `127.0.0.1:${config.NETWORK_GRPC_PORT}`,
    config,
    signer,
    tokens: callers(signer),
    async call(method, path, token, body) {
      const res = await fetch(svc.url + path, {
        method,
        headers: { ...(token ? { 'X-Auth-Token': token } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      await svc.close();
      await identity.server.shutdown();
      await pg?.drop();
      dir.cleanup();
    },
  };
}

