import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const IP = '/usr/sbin/ip';
export const IPTABLES = '/usr/sbin/iptables';
const IPTABLES_RESTORE = '/usr/sbin/iptables-restore';
export const IPTABLES_SAVE = '/usr/sbin/iptables-save';
const SYSCTL = '/usr/sbin/sysctl';

/** Runs a host networking command; its stderr becomes the error message. */
export async function run(cmd: string, args: readonly string[]): Promise<string> {
  try {
    return (await exec(cmd, [...args], { timeout: 30_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** True when the command succeeds (e.g. `iptables -C`, `ip link show`). */
export async function succeeds(cmd: string, args: readonly string[]): Promise<boolean> {
  try {
    await exec(cmd, [...args], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** `ip netns exec <ns> <cmd...>` */
export const inNetns = (ns: string, cmd: string, args: readonly string[]) => run(IP, ['netns', 'exec', ns, cmd, ...args]);

export const sysctl = (key: string, value: string, ns?: string) =>
  ns ? inNetns(ns, SYSCTL, ['-qw', `${key}=${value}`]) : run(SYSCTL, ['-qw', `${key}=${value}`]);

/** `iptables-restore --noflush` of `rules` (in the namespace `ns` when given): one atomic swap per table. */
export function iptablesRestore(rules: string, ns?: string): Promise<void> {
  const [cmd, args] = ns ? [IP, ['netns', 'exec', ns, IPTABLES_RESTORE, '--noflush']] : [IPTABLES_RESTORE, ['--noflush']];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`iptables-restore: ${stderr.trim()}\n${rules}`))));
    child.stdin.end(rules);
  });
}
