import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { openstack, runOpenstack, startCloud, type Cloud } from '../harness/index.js';
import { REPO_ROOT } from '../harness/repo.paths.js';

const run = promisify(execFile);

/** What the boot-sector test guest prints on its serial console (libs/hypervisor test images). */
export const GUEST_LINE = 'tinystack-guest: hello from the boot sector';

export interface ServerRow {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly [field: string]: unknown;
}

/**
 * The 512-byte boot-sector guest image, built (or reused) by libs/hypervisor's own builder:
 * run as a program, since the e2e project may not import the hypervisor library.
 */
export async function bootSectorImage(): Promise<string> {
  const builder = join(REPO_ROOT, 'libs/hypervisor/dist/test-images/build-test-images.js');
  const { stdout } = await run(process.execPath, [builder, '--no-linux'], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
  const images = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { name: string; path: string; format: string });
  const raw = images.find((i) => i.format === 'raw');
  assert.ok(raw, `a raw boot-sector image in ${stdout}`);
  return raw.path;
}

/**
 * A cloud with a real compute agent and the boot-sector image uploaded as `e2e-boot`.
 * `env` adds to the agent defaults here: a 3 s shutdown timeout (the boot sector ignores
 * ACPI) and COMPUTE_AGENT_VIRT_TYPE when the test run sets it.
 */
export async function startCloudWithBootImage(
  env: Readonly<Record<string, string>>,
): Promise<Cloud> {
  const raw = await bootSectorImage();
  const cloud = await startCloud({
    env: {
      COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '3s',
      ...(process.env.COMPUTE_AGENT_VIRT_TYPE
        ? { COMPUTE_AGENT_VIRT_TYPE: process.env.COMPUTE_AGENT_VIRT_TYPE }
        : {}),
      ...env,
    },
  });
  await openstack(
    [
      'image',
      'create',
      '--disk-format',
      'raw',
      '--container-format',
      'bare',
      '--file',
      raw,
      'e2e-boot',
    ],
    cloud.env,
  );
  return cloud;
}

/** Poll `openstack server show` until `done` holds; fails with the last row after `timeoutMs`. */
export async function waitForServer(
  env: Readonly<Record<string, string>>,
  id: string,
  done: (row: ServerRow) => boolean,
  timeoutMs = 120_000,
): Promise<ServerRow> {
  const deadline = Date.now() + timeoutMs;
  let last: ServerRow | undefined;
  while (Date.now() < deadline) {
    last = await openstack<ServerRow>(['server', 'show', id], env);
    if (done(last)) {
      return last;
    }
    await sleep(1000);
  }
  assert.fail(`server ${id} did not get there: ${JSON.stringify(last)}`);
}

export const waitForStatus = (env: Readonly<Record<string, string>>, id: string, status: string) =>
  waitForServer(env, id, (s) => s.status === status && s['OS-EXT-STS:task_state'] === null);

/** The console log, polled until it holds `line`. */
export async function waitForConsoleLine(
  env: Readonly<Record<string, string>>,
  id: string,
  line: string,
  timeoutMs = 120_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    // an option first: `console log show` prints plain text and takes no -f json
    const res = await runOpenstack(
      ['--os-compute-api-version', '2.1', 'console', 'log', 'show', id],
      env,
    );
    text = res.stdout;
    if (text.includes(line)) {
      return text;
    }
    await sleep(1000);
  }
  assert.fail(`console of ${id} never showed "${line}": ${text}`);
}

/** libvirt domains named after a server (any state), on the system connection the agent uses. */
export async function domainsOf(serverId: string): Promise<string[]> {
  const { stdout } = await run('virsh', ['-c', 'qemu:///system', 'list', '--all', '--name']);
  return stdout.split('\n').filter((n) => n.includes(serverId));
}

/** Files or directories named after a server anywhere under the cloud's compute agent data. */
export function agentFilesOf(cloud: Cloud, serverId: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || !existsSync(dir)) {
      return;
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.name.includes(serverId)) {
        found.push(p);
      }
      if (e.isDirectory()) {
        walk(p, depth + 1);
      }
    }
  };
  for (const e of readdirSync(cloud.dataDir)) {
    if (e.startsWith('compute-agent')) {
      walk(join(cloud.dataDir, e), 0);
    }
  }
  return found;
}
