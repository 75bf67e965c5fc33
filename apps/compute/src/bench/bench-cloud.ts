import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, tempDir } from '@tinystack/testing';

const run = promisify(execFile);

/** The repository root (this file is apps/compute/dist/bench/bench-cloud.js). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

const PORT_VARIABLES = [
  'IDENTITY_HTTP_PORT',
  'IDENTITY_GRPC_PORT',
  'OBJECT_STORE_HTTP_PORT',
  'OBJECT_STORE_GRPC_PORT',
  'IMAGE_HTTP_PORT',
  'IMAGE_GRPC_PORT',
  'NETWORK_HTTP_PORT',
  'NETWORK_GRPC_PORT',
  'COMPUTE_HTTP_PORT',
  'COMPUTE_GRPC_PORT',
  'COMPUTE_AGENT_GRPC_PORT',
  'DASHBOARD_HTTP_PORT',
] as const;

export const ADMIN_PASSWORD = 'bench-Admin-Passw0rd';

export interface BenchCloud {
  readonly ports: Record<(typeof PORT_VARIABLES)[number], number>;
  readonly identity: string;
  readonly image: string;
  readonly compute: string;
  /** The services' logs (gone after stop). */
  readonly logsDir: string;
  stop(): Promise<void>;
}

/**
 * A whole cloud from `tinystack up` (separate processes, real compute agent and guests) on
 * free ports with a temporary data directory, as the e2e harness starts one.
 */
export async function startBenchCloud(): Promise<BenchCloud> {
  const dir = tempDir('compute-bench-');
  const ports = {} as Record<(typeof PORT_VARIABLES)[number], number>;
  for (const v of PORT_VARIABLES) {
    ports[v] = await freePort();
  }
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'apps/cli/dist/main.js'), 'up'], {
    cwd: dir.path,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TINYSTACK_DATA_DIR: dir.path,
      TINYSTACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TINYSTACK_LOG_LEVEL: 'warn',
      COMPUTE_AGENT_HOST_NAME: `bench-${process.pid}`,
      COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '2s',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 300_000;
  while (!/tinystack is up/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGINT');
      throw new Error(`the cloud did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const url = (port: number) => `http://127.0.0.1:${port}`;
  return {
    ports,
    identity: url(ports.IDENTITY_HTTP_PORT),
    image: url(ports.IMAGE_HTTP_PORT),
    compute: url(ports.COMPUTE_HTTP_PORT),
    logsDir: join(dir.path, 'logs'),
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      dir.cleanup();
    },
  };
}

/** A project-scoped admin token from identity's REST API. */
export async function adminToken(identity: string): Promise<string> {
  const res = await fetch(`${identity}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: ADMIN_PASSWORD } } },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    }),
  });
  const token = res.headers.get('x-subject-token');
  if (!res.ok || !token) {
    throw new Error(`login failed: ${res.status} ${await res.text()}`);
  }
  return token;
}

/** The boot-sector guest image from libs/hypervisor's builder (run as a program). */
export async function bootSectorImagePath(): Promise<string> {
  const builder = join(REPO, 'libs/hypervisor/dist/test-images/build-test-images.js');
  const { stdout } = await run(process.execPath, [builder, '--no-linux'], { cwd: REPO, timeout: 600_000 });
  const raw = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { path: string; format: string })
    .find((i) => i.format === 'raw');
  if (!raw) {
    throw new Error(`no raw boot-sector image: ${stdout}`);
  }
  return raw.path;
}
