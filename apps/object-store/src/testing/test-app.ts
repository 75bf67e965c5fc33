import { connect } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { freePort, tempDir } from '@tinystack/testing';
import { objectStoreConfig, type ObjectStoreConfig } from '../config.js';
import { createObjectStoreApp } from '../http/object-store-app.js';
import { startTestIdentity, type TestIdentity } from './test-identity.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly cfg: ObjectStoreConfig;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly grpcUrl: string;
  readonly identity: TestIdentity;
  readonly dataDir: string;
  /** `fetch` against the REST API with a token (or none). */
  req(method: string, path: string, opts?: { token?: string | null; headers?: Record<string, string>; body?: RequestInit['body'] }): Promise<Response>;
  /** A hand-written HTTP/1.1 request (what fetch will not send: no length, `..` segments); `TOKEN` is replaced. */
  raw(text: string): Promise<string>;
  close(): Promise<void>;
}

/** Members of two projects and an admin, as tokens. */
export const P1 = 'p1';
export const P2 = 'p2';

/**
 * The whole app (HTTP + gRPC, real SQLite or PostgreSQL, real blob store) on 127.0.0.1
 * against the stand-in identity; `values` override configuration (backend, DB URL...).
 */
export async function startTestApp(values: Partial<Record<keyof ObjectStoreConfig, string>> = {}): Promise<TestApp> {
  const identity = await startTestIdentity();
  const dir = tempDir('object-store-');
  const [http, grpc] = [await freePort(), await freePort()];
  const cfg = objectStoreConfig.from({
    TINYSTACK_DATA_DIR: dir.path,
    TINYSTACK_LOG_LEVEL: 'silent',
    IDENTITY_GRPC_URL: identity.url,
    TINYSTACK_SERVICE_PASSWORD: 'x',
    OBJECT_STORE_HTTP_PORT: String(http),
    OBJECT_STORE_GRPC_PORT: String(grpc),
    OBJECT_STORE_EXPIRER_INTERVAL: '1h',
    ...values,
  });
  const app = await createObjectStoreApp(cfg);
  const base = `http://127.0.0.1:${http}`;
  const memberToken = identity.token();
  return {
    app,
    cfg,
    base,
    grpcUrl: `127.0.0.1:${grpc}`,
    identity,
    dataDir: dir.path,
    req: (method, path, opts = {}) => {
      const token = opts.token === undefined ? memberToken : opts.token;
      const headers: Record<string, string> = { ...(token ? { 'X-Auth-Token': token } : {}), ...opts.headers };
      const body = opts.body ?? null;
      return fetch(`${base}${path}`, { method, headers, body, ...(body ? { duplex: 'half' } : {}) });
    },
    raw: (text) => rawRequest(http, text.replace('TOKEN', memberToken)),
    close: async () => {
      await app.close();
      await identity.close();
      dir.cleanup();
    },
  };
}

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString()));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}
