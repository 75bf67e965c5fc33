import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tinystack/testing';

/** The service as its own process (`node [flags] dist/main.js`), for kill -9 probes and benchmarks. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
}

export async function startServerProcess(
  dataDir: string,
  identityUrl: string,
  extraEnv: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const [http, grpc] = [await freePort(), await freePort()];
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  const child = spawn(process.execPath, [...nodeFlags, main], {
    env: {
      TINYSTACK_DATA_DIR: dataDir,
      TINYSTACK_LOG_LEVEL: 'warn',
      IDENTITY_GRPC_URL: identityUrl,
      TINYSTACK_SERVICE_PASSWORD: 'test',
      OBJECT_STORE_HTTP_PORT: String(http),
      OBJECT_STORE_GRPC_PORT: String(grpc),
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${http}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)) {
      return { child, base };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('object-store did not become healthy');
}
