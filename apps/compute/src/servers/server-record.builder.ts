import { randomUUID } from 'node:crypto';
import type { FlavorEntity } from '../flavors/flavor.entity.js';
import { hostnameOf } from './server-create.rules.js';
import type { CreateServerBody } from './server-create.schemas.js';
import { PowerState, TaskState, VmState } from './server-state.js';
import { ServerEntity } from './server.entity.js';

/** What a new server is made of, once every part of the request was checked. */
export interface NewServerParts {
  readonly body: CreateServerBody['server'];
  readonly projectId: string;
  readonly userId: string;
  readonly imageId: string;
  readonly flavor: FlavorEntity;
  readonly extraSpecs: Record<string, string>;
  readonly key: { readonly name: string; readonly publicKey: string } | undefined;
  readonly networkMode: 'auto' | 'none' | 'ports';
  readonly zone: string | undefined;
  readonly destination: { readonly host?: string; readonly node?: string };
  readonly reservationId: string;
}

/** A new server row in BUILD / scheduling, the flavor copied in. */
export function newServer(parts: NewServerParts, name: string, launchIndex: number, now: number): ServerEntity {
  const { body, flavor } = parts;
  return Object.assign(new ServerEntity(), {
    id: randomUUID(),
    name,
    projectId: parts.projectId,
    userId: parts.userId,
    imageId: parts.imageId,
    flavorId: flavor.id,
    flavorName: flavor.name,
    vcpus: flavor.vcpus,
    memoryMb: flavor.memoryMb,
    rootGb: flavor.rootGb,
    ephemeralGb: flavor.ephemeralGb,
    swap: flavor.swap,
    flavorExtraSpecs: JSON.stringify(parts.extraSpecs),
    keyName: parts.key?.name ?? null,
    keyData: parts.key?.publicKey ?? null,
    userData: body.user_data ?? null,
    vmState: VmState.BUILDING,
    taskState: TaskState.SCHEDULING,
    powerState: PowerState.NOSTATE,
    host: null,
    node: null,
    availabilityZone: parts.zone ?? null,
    requestedHost: parts.destination.host ?? null,
    requestedNode: parts.destination.node ?? null,
    reservationId: parts.reservationId,
    launchIndex,
    hostname: hostnameOf(name),
    description: body.description ?? null,
    locked: false,
    lockedBy: null,
    lockedReason: null,
    accessIpv4: body.accessIPv4 ?? null,
    accessIpv6: body.accessIPv6 ?? null,
    diskConfig: body['OS-DCF:diskConfig'] ?? 'MANUAL',
    networkMode: parts.networkMode,
    addresses: '{}',
    progress: 0,
    faultCode: null,
    faultMessage: null,
    faultDetails: null,
    faultCreatedAt: null,
    createdAt: now,
    updatedAt: now,
    launchedAt: null,
    terminatedAt: null,
    deletedAt: null,
  });
}
