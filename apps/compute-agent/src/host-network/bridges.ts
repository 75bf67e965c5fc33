import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IP = '/usr/sbin/ip';

async function linkExists(name: string): Promise<boolean> {
  try {
    await run(IP, ['link', 'show', 'dev', name]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Linux bridge for one tenant network, up, with no address on the host: guests on the
 * network share it, and nothing else is attached but the network's router ports. Idempotent
 * (another spawn may create it at the same moment).
 */
export async function ensureBridge(name: string, mtu: number): Promise<void> {
  if (!(await linkExists(name))) {
    try {
      await run(IP, ['link', 'add', 'name', name, 'mtu', String(mtu), 'type', 'bridge']);
    } catch (err) {
      if (!(await linkExists(name))) {
        throw err;
      }
    }
  }
  await run(IP, ['link', 'set', 'dev', name, 'up']);
}
