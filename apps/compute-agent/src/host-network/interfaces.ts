import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { agentV1 } from '@tinystack/contracts';
import { ensureBridge } from './bridges.js';
import { bridgeOf, tapOf } from './names.js';

const run = promisify(execFile);
const VIRSH = '/usr/bin/virsh';

async function virsh(uri: string, args: string[]): Promise<string> {
  try {
    return (await run(VIRSH, ['-c', uri, ...args], { timeout: 60_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`virsh ${args.join(' ')}: ${(e.stderr ?? e.message).trim()}`);
  }
}

/**
 * Hot-plugging guest NICs (Nova's os-interface) through libvirt's own client, for the
 * N-API binding has no device attach: `--persistent` changes the running guest and its
 * definition, or only the definition of a stopped one. The guest is told nothing; like
 * cloud-init on OpenStack, it configures a NIC plugged after boot only if it is asked to.
 */
export async function attachInterface(uri: string, serverId: string, port: agentV1.NetworkPort): Promise<void> {
  await ensureBridge(bridgeOf(port.networkId), port.mtu || 1500);
  const nics = await virsh(uri, ['domiflist', serverId]);
  if (nics.toLowerCase().includes(port.macAddress.toLowerCase())) {
    return;
  }
  await virsh(uri, [
    'attach-interface', serverId, 'bridge', bridgeOf(port.networkId),
    '--mac', port.macAddress, '--target', tapOf(port.portId), '--model', 'virtio', '--persistent',
  ]);
}

export async function detachInterface(uri: string, serverId: string, macAddress: string): Promise<void> {
  const nics = await virsh(uri, ['domiflist', serverId]);
  if (!nics.toLowerCase().includes(macAddress.toLowerCase())) {
    return;
  }
  await virsh(uri, ['detach-interface', serverId, 'bridge', '--mac', macAddress, '--persistent']);
}
