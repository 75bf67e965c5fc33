import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/index.js';

const run = promisify(execFile);

/**
 * The Linux test guest with networking and SSH (libs/hypervisor's test images), built or
 * reused by its builder run as a process: e2e may not import libs/hypervisor (Nx scopes).
 */
export async function netGuestImage(): Promise<string> {
  const builder = join(REPO_ROOT, 'libs/hypervisor/dist/test-images/build-test-images.js');
  const { stdout } = await run(process.execPath, [builder], { cwd: REPO_ROOT, timeout: 1_200_000 });
  const images = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { name: string; path: string });
  const net = images.find((i) => i.name === 'linux-net-guest');
  assert.ok(net, `the linux-net-guest image in ${stdout}`);
  return net.path;
}

/** A new ed25519 key pair in `dir`; returns the private key's path (`.pub` beside it). */
export async function makeKey(dir: string): Promise<string> {
  const path = join(dir, 'id_ed25519');
  await run('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path], { timeout: 30_000 });
  return path;
}

/** `ssh root@host command` with only `key`, no prompts or known hosts; never throws (see `code`, 255: ssh failed). */
export async function ssh(host: string, key: string, command: string, timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const opts = ['StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'BatchMode=yes', 'IdentitiesOnly=yes', 'ConnectTimeout=5', 'LogLevel=ERROR'];
  try {
    const { stdout, stderr } = await run('/usr/bin/ssh', ['-F', '/dev/null', '-i', key, ...opts.flatMap((o) => ['-o', o]), `root@${host}`, command], { timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 255, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}
