import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tinystack/testing';

/** apps/object-store/dist/main.js, from this file's place in apps/image/dist/testing/. */
export const OBJECT_STORE_MAIN = fileURLToPath(new URL('../../../object-store/dist/main.js', import.meta.url));

export interface ObjectStoreProcess {
  readonly grpcUrl: string;
  readonly httpUrl: string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`object-store exited with ${child.exitCode}:\n${output()}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`object-store did not become healthy:\n${output()}`);
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
  if (!existsSync(OBJECT_STORE_MAIN)) {
    throw new Error(`${OBJECT_STORE_MAIN} is missing: build the object store first (npx tsc -b apps/object-store)`);
  }
  const [http, grpc] = [await freePort(), await freePort()];
  let output = '';
  const child = spawn(process.execPath, [OBJECT_STORE_MAIN], {
    env: {
      OBJECT_STORE_HTTP_PORT: String(http),
      OBJECT_STORE_GRPC_PORT: String(grpc),
      TINYSTACK_DATA_DIR: opts.dataDir,
      IDENTITY_GRPC_URL: opts.identityGrpcUrl,
      TINYSTACK_SERVICE_PASSWORD: opts.servicePassword,
      TINYSTACK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const httpUrl = `http://127.0.0.1:${http}`;
  await waitHealthy(httpUrl, child, () => output);
  return {
    grpcUrl: `127.0.0.1:${grpc}`,
    httpUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
