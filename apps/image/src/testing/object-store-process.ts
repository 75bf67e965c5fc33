import { fileURLToPath } from 'node:url';
import { freePort } from '@tinystack/testing';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

/** apps/object-store/dist/main.js, from this file's place in apps/image/dist/testing/. */
export const OBJECT_STORE_MAIN = fileURLToPath(new URL('../../../object-store/dist/main.js', import.meta.url));

export interface ObjectStoreProcess extends ServiceProcess {
  readonly grpcUrl: string;
  readonly httpUrl: string;
}

/**
 * The real object storage service as a child process (an app cannot import another app),
 * for the image service's medium tests and benchmark: `node apps/object-store/dist/main.js`
 * on free 127.0.0.1 ports, trusting the identity at `identityGrpcUrl`.
 */
export async function startObjectStoreProcess(opts: {
  identityGrpcUrl: string;
  servicePassword: string;
  dataDir: string;
}): Promise<ObjectStoreProcess> {
  const [http, grpc] = [await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${http}`;
  const proc = await startServiceProcess(
    OBJECT_STORE_MAIN,
    {
      OBJECT_STORE_HTTP_PORT: String(http),
      OBJECT_STORE_GRPC_PORT: String(grpc),
      TINYSTACK_DATA_DIR: opts.dataDir,
      IDENTITY_GRPC_URL: opts.identityGrpcUrl,
      TINYSTACK_SERVICE_PASSWORD: opts.servicePassword,
      TINYSTACK_LOG_LEVEL: 'warn',
    },
    `${httpUrl}/healthz`,
  );
  return { ...proc, grpcUrl: `127.0.0.1:${grpc}`, httpUrl };
}
