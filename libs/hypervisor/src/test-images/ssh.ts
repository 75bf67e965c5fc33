import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * OpenSSH client helpers for tests that log into the net test guest (ensureLinuxNetGuestImage):
 * a fresh ed25519 key, and one non-interactive command over `ssh` with host-key checking off
 * (every guest makes a new host key) and BatchMode (a refused key fails, never prompts).
 */

export interface SshKey {
  /** The private key file (mode 0600, no passphrase). */
  readonly path: string;
  /** The OpenSSH public key line, for the config drive's public_keys. */
  readonly publicKey: string;
}

/** A new ed25519 key pair in `dir` (`<name>` and `<name>.pub`). */
export async function makeSshKey(dir: string, name = 'id_ed25519'): Promise<SshKey> {
  const path = join(dir, name);
  await run('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path], {
    timeout: 30_000,
  });
  return { path, publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

export interface SshResult {
  /** ssh's exit status: the remote command's, or 255 when ssh itself failed (refused key). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SshOptions {
  readonly host: string;
  /** The private key file. */
  readonly key: string;
  readonly command: string;
  readonly port?: number;
  readonly user?: string;
  /** Run the client inside this network namespace (`ip netns exec`). */
  readonly netns?: string;
  readonly timeoutMs?: number;
}

/** The ssh command line: no config files, no known_hosts, no prompts, this key only. */
function sshArgv(opts: SshOptions): string[] {
  const options = [
    'StrictHostKeyChecking=no',
    'UserKnownHostsFile=/dev/null',
    'BatchMode=yes',
    'IdentitiesOnly=yes',
    'PasswordAuthentication=no',
    'ConnectTimeout=10',
    'LogLevel=ERROR',
  ];
  const ssh = [
    '/usr/bin/ssh',
    '-F',
    '/dev/null',
    '-i',
    opts.key,
    '-p',
    String(opts.port ?? 22),
    ...options.flatMap((o) => ['-o', o]),
    `${opts.user ?? 'root'}@${opts.host}`,
    opts.command,
  ];
  return opts.netns ? ['/usr/sbin/ip', 'netns', 'exec', opts.netns, ...ssh] : ssh;
}

/**
 * Run `command` as root on `host` with `key`. `netns`: run the client inside that network
 * namespace, for guests reachable only from a test namespace. Never throws for a failed
 * login or command: see `code`.
 */
export async function sshRun(opts: SshOptions): Promise<SshResult> {
  const [file, ...args] = sshArgv(opts);
  try {
    const { stdout, stderr } = await run(file, args, {
      timeout: opts.timeoutMs ?? 60_000,
      maxBuffer: 4 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') {
      throw err;
    }
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
