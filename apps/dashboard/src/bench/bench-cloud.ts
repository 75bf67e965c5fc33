import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, tempDir } from '@tinystack/testing';

/** The repository root (this file is apps/dashboard/dist/bench/bench-cloud.js). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const ADMIN_PASSWORD = 'bench-Admin-Passw0rd';

/** Every port `tinystack up` reads (apps/cli's registry): all fresh, so no clash with a dev cloud. */
const PORTS = [
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
  'COMPUTE_AGENT_HTTP_PORT',
  'DASHBOARD_HTTP_PORT',
] as const;

export interface Cloud {
  readonly url: {
    identity: string;
    image: string;
    objectStore: string;
    compute: string;
    dashboard: string;
  };
  stop(): Promise<void>;
}

/** A whole cloud from `tinystack up` (every built service, real compute agent) on loopback. */
export async function startCloud(): Promise<Cloud> {
  const dir = tempDir('dashboard-bench-');
  const ports = Object.fromEntries(
    await Promise.all(PORTS.map(async (p) => [p, String(await freePort())] as const)),
  ) as Record<(typeof PORTS)[number], string>;
  const child = spawn(process.execPath, [join(REPO, 'apps/cli/dist/main.js'), 'up'], {
    cwd: dir.path,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TINYSTACK_DATA_DIR: dir.path,
      TINYSTACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TINYSTACK_LOG_LEVEL: 'warn',
      COMPUTE_AGENT_HOST_NAME: `dashboard-bench-${process.pid}`,
      // 100 one-vCPU guests on a 2-core machine: the boot-sector guest halts at once and
      // costs nothing, so the scheduler may pack them (the default ratio allows 32)
      COMPUTE_CPU_ALLOCATION_RATIO: '64',
      COMPUTE_QUOTA_INSTANCES: '-1',
      COMPUTE_QUOTA_CORES: '-1',
      ...ports,
    } as Record<string, string> as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 300_000;
  while (!/tinystack is up/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGINT');
      throw new Error(`the cloud did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const at = (p: string) => `http://127.0.0.1:${p}`;
  return {
    url: {
      identity: at(ports.IDENTITY_HTTP_PORT),
      image: at(ports.IMAGE_HTTP_PORT),
      objectStore: at(ports.OBJECT_STORE_HTTP_PORT),
      compute: at(ports.COMPUTE_HTTP_PORT),
      dashboard: at(ports.DASHBOARD_HTTP_PORT),
    },
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      dir.cleanup();
    },
  };
}

/** The admin's project-scoped token and project id (identity's REST API). */
export async function adminToken(identity: string): Promise<{ token: string; projectId: string }> {
  const res = await fetch(`${identity}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: { name: 'admin', domain: { name: 'Default' }, password: ADMIN_PASSWORD },
          },
        },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    }),
  });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) {
    throw new Error(`login failed: ${res.status} ${await res.text()}`);
  }
  const body = (await res.json()) as { token: { project: { id: string } } };
  return { token, projectId: body.token.project.id };
}
