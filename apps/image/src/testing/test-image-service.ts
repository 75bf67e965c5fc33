import { join } from 'node:path';
import { freePort, tempDir } from '@tinystack/testing';
import { imageConfig } from '../config.js';
import { startImageService, type RunningImageService } from '../image-service.js';
import { FsImageStore } from '../store/fs-image-store.js';
import type { ImageStore } from '../store/image-store.js';
import { startIdentityStandIn, callers, makeTokenSigner } from '@tinystack/auth/testing';

export interface TestImageService {
  readonly url: string;
  /** host:port of the image gRPC server. */
  readonly grpcUrl: string;
  readonly svc: RunningImageService;
  readonly store: ImageStore;
  /** Directory of the FsImageStore holding the image bytes. */
  readonly blobDir: string;
  readonly tokens: ReturnType<typeof callers>;
  /** fetch against the service with a token. */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The image service in this process for medium tests: real SQLite (or the PostgreSQL at
 * `databaseUrl`), real HTTP on 127.0.0.1, real gRPC token verification against a stand-in
 * identity, and image bytes in real files (FsImageStore in a temp dir).
 */
export async function startTestImageService(
  opts: { databaseUrl?: string; maxSize?: number; store?: ImageStore } = {},
): Promise<TestImageService> {
  const dir = tempDir('image-test-');
  const signer = makeTokenSigner();
  const identity = await startIdentityStandIn(signer, 'service-secret');
  const config = imageConfig.from({
    IMAGE_HTTP_PORT: String(await freePort()),
    IMAGE_GRPC_PORT: String(await freePort()),
    TINYSTACK_DATA_DIR: dir.path,
    IDENTITY_GRPC_URL: identity.url,
    TINYSTACK_SERVICE_PASSWORD: 'service-secret',
    TINYSTACK_LOG_LEVEL: 'silent',
    ...(opts.databaseUrl ? { IMAGE_DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.maxSize !== undefined ? { IMAGE_MAX_SIZE: String(opts.maxSize) } : {}),
  });
  const blobDir = join(dir.path, 'blobs');
  const store = opts.store ?? new FsImageStore(blobDir);
  const svc = await startImageService({ config, store });
  return {
    url: svc.url,
    grpcUrl: `127.0.0.1:${config.IMAGE_GRPC_PORT}`,
    svc,
    store,
    blobDir,
    tokens: callers(signer),
    request: (path, init = {}) => {
      const { token, headers, ...rest } = init;
      return fetch(svc.url + path, {
        ...rest,
        headers: { ...(token ? { 'X-Auth-Token': token } : {}), ...(headers as Record<string, string> | undefined) },
      });
    },
    close: async () => {
      await svc.close();
      await identity.server.shutdown();
      dir.cleanup();
    },
  };
}

/** JSON body helpers for the tests. */
export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

export const patch = (ops: unknown[]): RequestInit => ({
  method: 'PATCH',
  body: JSON.stringify(ops),
  headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
});
