import { computeV1 } from '@tinystack/contracts';
import type { AgentGuest, GuestAddress } from '../agents/agent.port.js';
import type { NodeRegistration } from '../agents/agents.repository.js';
import { parseAddresses } from '../servers/addresses.js';
import { PowerState, statusOf } from '../servers/server-state.js';
import type { ServerRecord } from '../servers/servers.service.js';

const POWER = new Set<number>(Object.values(PowerState));

/** Proto power states carry Nova's numbers; anything else is "no state". */
export function powerStateOf(p: computeV1.PowerState): PowerState {
  return (POWER.has(p) ? p : PowerState.NOSTATE) as PowerState;
}

export function guestOf(g: computeV1.GuestState): AgentGuest {
  return {
    serverId: g.serverId,
    powerState: powerStateOf(g.powerState),
    addresses: g.addresses.map(
      (a): GuestAddress => ({ network: a.network, addr: a.addr, version: a.version === 6 ? 6 : 4, macAddr: a.macAddr }),
    ),
  };
}

export function registrationOf(req: computeV1.RegisterAgentRequest): NodeRegistration {
  const hv = req.hypervisor;
  const res = req.resources;
  return {
    host: req.host,
    grpcUrl: req.grpcUrl,
    hypervisorType: hv?.type || 'QEMU',
    hypervisorVersion: hv?.version ?? 0,
    hypervisorHostname: hv?.hostname || req.host,
    hostIp: hv?.hostIp || '127.0.0.1',
    cpuInfo: hv?.cpuInfoJson || '{}',
    ...resourcesOf(res),
  };
}

export function resourcesOf(res: computeV1.HostResources | undefined): Pick<NodeRegistration, 'vcpus' | 'memoryMb' | 'localGb' | 'freeDiskGb'> {
  return {
    vcpus: res?.vcpus ?? 0,
    memoryMb: res?.memoryMb ?? 0,
    localGb: res?.localGb ?? 0,
    freeDiskGb: res?.freeDiskGb ?? 0,
  };
}

/** A server as the dashboard reads it; `host` only for admins. */
export function protoServer(r: ServerRecord, isAdmin: boolean): computeV1.Server {
  const s = r.server;
  const addresses = Object.entries(parseAddresses(s.addresses)).flatMap(([network, list]) =>
    list.map((a) => ({ network, addr: a.addr, version: a.version, macAddr: a['OS-EXT-IPS-MAC:mac_addr'] })),
  );
  return {
    id: s.id,
    name: s.name,
    status: statusOf(s.vmState, s.taskState),
    vmState: s.vmState,
    taskState: s.taskState ?? '',
    powerState: s.powerState,
    projectId: s.projectId,
    userId: s.userId,
    flavor: { id: s.flavorId, name: s.flavorName, vcpus: s.vcpus, ramMb: s.memoryMb, diskGb: s.rootGb },
    imageId: s.imageId,
    keyName: s.keyName ?? '',
    host: isAdmin ? (s.host ?? '') : '',
    addresses,
    metadata: { ...r.extras.metadata },
    availabilityZone: s.availabilityZone ?? '',
    locked: s.locked,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    launchedAt: s.launchedAt ?? 0,
    fault: s.faultCode !== null ? { code: s.faultCode, message: s.faultMessage ?? '', createdAt: s.faultCreatedAt ?? 0 } : undefined,
  };
}
