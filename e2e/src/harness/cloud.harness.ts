import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from './free-ports.js';
import { CLI_MAIN } from './repo.paths.js';

/**
 * Every port variable `tinystack up` reads (the registry in apps/cli/src/services.ts):
 * each cloud gets fresh free ports for all of them, so tests never collide with a cloud
 * already running on the default ports, or with each other.
 */
export const PORT_VARIABLES = [
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
export type PortVariable = (typeof PORT_VARIABLES)[number];

export interface CloudUrls {
  readonly identity: string;
  readonly image: string;
  readonly objectStore: string;
  readonly compute: string;
  readonly dashboard: string;
}

export interface Cloud {
  /** OS_* of the admin, read by sourcing the openrc `up` wrote. */
  readonly env: Readonly<Record<string, string>>;
  readonly adminPassword: string;
  readonly urls: CloudUrls;
  readonly ports: Readonly<Record<PortVariable, number>>;
  readonly dataDir: string;
  /** The environment `up` was started with: run other `tinystack` commands with it. */
  readonly cliEnv: Readonly<Record<string, string>>;
  /** pid of the `tinystack up` supervisor. */
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What `up` printed so far (stdout and stderr). */
  output(): string;
  /** Sends SIGINT, waits for `up` to exit and asserts it exited 0 having cleaned up. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly timeoutMs?: number;
  /** Extra variables for `up` (and so for every service). */
  readonly env?: Readonly<Record<string, string>>;
  /** Keep the data directory after stop() (also with TINYSTACK_E2E_KEEP=1). */
  readonly keepDataDir?: boolean;
  /** Use this data directory (e.g. a stopped cloud's, to restart it) instead of a new one. */
  readonly dataDir?: string;
  /** The admin password to pass in TINYSTACK_ADMIN_PASSWORD; null: let `up` generate one. */
  readonly adminPassword?: string | null;
}

export const E2E_ADMIN_PASSWORD = 'e2e-Admin-Passw0rd';

/** Ours that reach `up` even so: which services to start, how much to log. */
const PASSED_THROUGH = new Set([
  'TINYSTACK_SERVICES',
  'TINYSTACK_LOG_LEVEL',
  'TINYSTACK_START_TIMEOUT',
]);

/** Our environment minus a developer's cloud settings (OS_*, ports, data dir...). */
function inheritedEnv(): Record<string, string> {
  const cloudVar =
    /^(OS_|TINYSTACK_|IDENTITY_|IMAGE_|OBJECT_STORE_|COMPUTE_|NETWORK_|DASHBOARD_|CATALOG_)/;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (!cloudVar.test(key) || PASSED_THROUGH.has(key))) {
      env[key] = value;
    }
  }
  return env;
}

/** The OS_* variables an openrc sets, by sourcing it in sh. */
export function sourceOpenrc(file: string): Record<string, string> {
  const r = spawnSync('sh', ['-c', '. "$0" && env', file], { encoding: 'utf8', env: {} });
  assert.equal(r.status, 0, `sourcing ${file} failed: ${r.stderr}`);
  const env: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^(OS_[A-Z_]+)=(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) {
      env[m[1]] = m[2];
    }
  }
  return env;
}

/** The last lines of every service log in the data directory, for failure messages. */
export function serviceLogs(dataDir: string, lines = 40): string {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) {
    return '(no service logs)';
  }
  return readdirSync(dir)
    .map(
      (f) =>
        `--- ${f} (last ${lines} lines)\n${readFileSync(join(dir, f), 'utf8')
          .split('\n')
          .slice(-lines - 1)
          .join('\n')}`,
    )
    .join('\n');
}

function readState(
  dataDir: string,
): { phase?: string; services?: Array<{ pid: number | null }> } | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'run', 'cloud.json'), 'utf8')) as {
      phase?: string;
    };
  } catch {
    return null;
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** SIGKILL for `up` and every service its state file lists: the last resort. */
function forceKill(pid: number, dataDir: string): void {
  const pids = [pid, ...(readState(dataDir)?.services ?? []).map((s) => s.pid)];
  for (const p of pids) {
    if (p) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

/**
 * `tinystack reset --yes` for a stopped cloud: its guests and host networking go with its
 * data directory, so test runs leave nothing on the machine. Throws with reset's output when
 * something stays.
 */
function resetCloud(cliEnv: Readonly<Record<string, string>>): void {
  const r = spawnSync(process.execPath, [CLI_MAIN, 'reset', '--yes'], {
    env: { ...inheritedEnv(), ...cliEnv },
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `tinystack reset failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

/**
 * Starts a whole cloud with `tinystack up` on free ports and a temporary data directory,
 * and waits until `up` reports it ready and identity answers its health check. On a
 * failure or timeout it stops what started and throws with `up`'s output and the logs.
 */
export async function startCloud(opts: StartOptions = {}): Promise<Cloud> {
  const values = await freePorts(PORT_VARIABLES.length);
  const ports = Object.fromEntries(PORT_VARIABLES.map((v, i) => [v, values[i]])) as Record<
    PortVariable,
    number
  >;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tinystack-e2e-'));
  const password = opts.adminPassword === undefined ? E2E_ADMIN_PASSWORD : opts.adminPassword;
  const cliEnv: Record<string, string> = {
    TINYSTACK_DATA_DIR: dataDir,
    ...(password === null ? {} : { TINYSTACK_ADMIN_PASSWORD: password }),
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    // floating IPs from a loopback /24 of this cloud's own: clouds running side by side on
    // one machine must not hand out the same address
    NETWORK_EXTERNAL_CIDR: `127.42.${(ports.NETWORK_HTTP_PORT % 250) + 2}.0/24`,
    // and a compute host name of its own: an agent's host networking is tagged with its host
    // name, and one with the machine's name would take a developer's running cloud's for its
    // own (and `reset` would remove it). Stable per data directory, for restarts.
    COMPUTE_AGENT_HOST_NAME: `e2e-${basename(dataDir).replace(/[^A-Za-z0-9._-]/g, '')}`,
    ...opts.env,
  };
  // cwd: the data directory, to show that `up` finds the project from its own location
  const child = spawn(process.execPath, [CLI_MAIN, 'up'], {
    cwd: dataDir,
    env: { ...inheritedEnv(), ...cliEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
  );
  const pid = child.pid as number;
  // if this test process dies first, `up` still stops its services on SIGTERM
  const onExit = () => exit === null && process.kill(pid, 'SIGTERM');
  process.once('exit', onExit);

  const base = (port: number) => `http://127.0.0.1:${port}`;
  const identityHealth = `${base(ports.IDENTITY_HTTP_PORT)}/healthz`;
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (exit !== null) {
      throw new Error(
        `tinystack up exited (${JSON.stringify(exit)}) before the cloud was ready:\n${output}\n${serviceLogs(dataDir)}`,
      );
    }
    if (readState(dataDir)?.phase === 'ready' && (await isHealthy(identityHealth))) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      forceKill(pid, dataDir);
      throw new Error(
        `the cloud was not ready within ${(opts.timeoutMs ?? 180_000) / 1000}s:\n${output}\n${serviceLogs(dataDir)}`,
      );
    }
    await sleep(250);
  }

  let stopping: Promise<void> | null = null;
  const stop = async () => {
    child.kill('SIGINT');
    const result = await Promise.race([exited, sleep(90_000).then(() => null)]);
    process.off('exit', onExit);
    if (result === null) {
      forceKill(pid, dataDir);
      throw new Error(
        `tinystack up did not exit within 90s of SIGINT:\n${output}\n${serviceLogs(dataDir)}`,
      );
    }
    assert.deepEqual(
      result,
      { code: 0, signal: null },
      `tinystack up did not exit cleanly after SIGINT:\n${output}\n${serviceLogs(dataDir)}`,
    );
    assert.equal(
      existsSync(join(dataDir, 'run', 'cloud.json')),
      false,
      'up removes its state file on exit',
    );
    if (!opts.keepDataDir && !process.env.TINYSTACK_E2E_KEEP) {
      resetCloud(cliEnv);
    }
  };
  const env = sourceOpenrc(join(dataDir, 'openrc'));
  return {
    env,
    adminPassword: env.OS_PASSWORD ?? '',
    urls: {
      identity: `${base(ports.IDENTITY_HTTP_PORT)}/v3`,
      image: base(ports.IMAGE_HTTP_PORT),
      objectStore: `${base(ports.OBJECT_STORE_HTTP_PORT)}/v1`,
      compute: `${base(ports.COMPUTE_HTTP_PORT)}/v2.1`,
      dashboard: base(ports.DASHBOARD_HTTP_PORT),
    },
    ports,
    dataDir,
    cliEnv,
    pid,
    exited,
    output: () => output,
    stop: () => (stopping ??= stop()),
  };
}
