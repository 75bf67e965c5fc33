import type { SpawnRequest } from '../agents/agent.port.js';
import type { ServerPort } from '../networking/network.port.js';
import { DEFAULT_AZ } from '../scheduler/scheduler.service.js';
import type { RequestSpec } from '../scheduler/host-state.js';
import type { ServerEntity } from '../servers/server.entity.js';

/** What the agent needs to build the guest of `server`. */
export function spawnRequestOf(server: ServerEntity, metadata: Record<string, string>, ports: readonly ServerPort[] = []): SpawnRequest {
  return {
    serverId: server.id,
    name: server.name,
    hostname: server.hostname,
    projectId: server.projectId,
    userId: server.userId,
    vcpus: server.vcpus,
    memoryMb: server.memoryMb,
    rootGb: server.rootGb,
    ephemeralGb: server.ephemeralGb,
    swapMb: server.swap,
    flavorName: server.flavorName,
    imageId: server.imageId,
    networkMode: server.networkMode === 'none' ? 'none' : 'auto',
    metadata,
    keyName: server.keyName,
    publicKey: server.keyData,
    userData: server.userData,
    availabilityZone: server.availabilityZone ?? DEFAULT_AZ,
    launchIndex: server.launchIndex,
    ports,
  };
}

/** What the scheduler must find room for. */
export function requestSpecOf(server: ServerEntity, ignoreHosts: readonly string[]): RequestSpec {
  return {
    vcpus: server.vcpus,
    memoryMb: server.memoryMb,
    diskGb: server.rootGb + server.ephemeralGb + Math.ceil(server.swap / 1024),
    availabilityZone: server.availabilityZone ?? undefined,
    requestedHost: server.requestedHost ?? undefined,
    requestedNode: server.requestedNode ?? undefined,
    ignoreHosts,
  };
}
