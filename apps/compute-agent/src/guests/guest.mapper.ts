import { createHash } from 'node:crypto';
import { bridgeOf, tapOf } from '../host-network/names.js';
import { networkDataOf } from '../host-network/network-data.js';
import { agentV1 } from '@tinystack/contracts';
import type {
  GuestInfo,
  GuestSpec,
  ImageChecksum,
  PowerState,
  VifSpec,
} from '@tinystack/hypervisor';

const { PowerState: P, NetworkMode } = agentV1;

/** Nova's power-state numbers (the same in the agent and compute contracts). */
export function protoPowerState(s: PowerState): agentV1.PowerState {
  switch (s) {
    case 'running':
      return P.POWER_STATE_RUNNING;
    case 'paused':
      return P.POWER_STATE_PAUSED;
    case 'shutdown':
      return P.POWER_STATE_SHUTDOWN;
    case 'crashed':
      return P.POWER_STATE_CRASHED;
    case 'suspended':
      return P.POWER_STATE_SUSPENDED;
    case 'nostate':
      return P.POWER_STATE_UNSPECIFIED;
  }
}

export function protoGuest(g: GuestInfo): agentV1.Guest {
  return {
    serverId: g.id,
    powerState: protoPowerState(g.powerState),
    addresses: [],
    hypervisorState: g.hypervisorState,
    name: g.name,
  };
}

/** An OpenStack-style MAC (fa:16:3e prefix) derived from the server id, stable across respawns. */
export function macOf(serverId: string): string {
  const h = createHash('sha256').update(serverId).digest();
  return [
    'fa',
    '16',
    '3e',
    ...[h[0], h[1], h[2]].map((b) => (b ?? 0).toString(16).padStart(2, '0')),
  ].join(':');
}

function checksumsOf(req: agentV1.SpawnServerRequest): ImageChecksum[] {
  const out: ImageChecksum[] = [];
  if (req.imageChecksum) {
    out.push({ algorithm: 'md5', value: req.imageChecksum.toLowerCase() });
  }
  const algo = req.imageOsHashAlgo;
  if ((algo === 'sha256' || algo === 'sha512') && req.imageOsHashValue) {
    out.push({ algorithm: algo, value: req.imageOsHashValue.toLowerCase() });
  }
  return out;
}

/**
 * The driver's GuestSpec for a SpawnServer request. The config drive is always attached
 * (there is no metadata service): meta_data.json, user_data and the keypair's public key.
 * Ephemeral and swap disks are not provided yet.
 */
export function guestSpecOf(
  req: agentV1.SpawnServerRequest,
  network: string | undefined,
): GuestSpec {
  const flavor = req.flavor ?? {
    name: '',
    vcpus: 0,
    memoryMb: 0,
    rootGb: 0,
    ephemeralGb: 0,
    swapMb: 0,
  };
  const wantsNic = req.networkMode !== NetworkMode.NETWORK_MODE_NONE && network !== undefined;
  // ports from the network service replace the host's default network
  const vifs: VifSpec[] =
    req.ports.length > 0
      ? req.ports.map((p) => ({ type: 'bridge', bridge: bridgeOf(p.networkId), mac: p.macAddress, dev: tapOf(p.portId) }))
      : wantsNic
        ? [{ type: 'network', network, mac: macOf(req.serverId) }]
        : [];
  return {
    id: req.serverId,
    name: req.name,
    vcpus: flavor.vcpus,
    memoryMiB: flavor.memoryMb,
    rootDiskGiB: flavor.rootGb,
    flavorName: flavor.name,
    image: { id: req.imageId, checksums: checksumsOf(req) },
    metadata: req.metadata,
    vifs,
    configDrive: {
      uuid: req.serverId,
      name: req.name,
      ...(req.hostname ? { hostname: req.hostname } : {}),
      ...(req.availabilityZone ? { availabilityZone: req.availabilityZone } : {}),
      ...(req.projectId ? { projectId: req.projectId } : {}),
      launchIndex: req.launchIndex,
      metadata: req.metadata,
      publicKeys: req.keyName && req.publicKey ? { [req.keyName]: req.publicKey } : {},
      ...(req.userData.length > 0 ? { userData: req.userData } : {}),
      ...(req.ports.length > 0 ? { extraJson: { network_data: networkDataOf(req.ports) } } : {}),
    },
  };
}
