import { badRequest } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import type { Metadata } from '@grpc/grpc-js';
import { computeV1 } from '@tinystack/contracts';
import type { FlavorEntity } from '../flavors/flavor.entity.js';
import { createFlavorV255, type CreateFlavorBody } from '../flavors/flavors.schemas.js';
import { ApiVersion } from '../http/api-version.js';
import { pickForVersion } from '../http/versioned.decorators.js';
import type { KeypairEntity } from '../keypairs/keypair.entity.js';
import { createKeypairV210 } from '../keypairs/keypairs.schemas.js';
import type { NewKeypair } from '../keypairs/keypairs.service.js';
import { CREATE_SERVER_SCHEMAS, type CreateServerBody } from '../servers/server-create.schemas.js';
import type { PowerAction } from '../servers/server-state.js';

/**
 * The dashboard's calls, turned into the very bodies the REST API validates (same zod
 * schemas, latest microversion), so gRPC input gets the same checks and messages.
 */

/** The caller's raw token (image calls made on the caller's behalf need it). */
export function tokenOf(meta: Metadata | undefined): string {
  return String(meta?.get('x-auth-token')[0] ?? '');
}

/** The REST `networks` for the dashboard's choice: auto (also when empty), none, or one network id. */
function networksOf(choice: string): 'auto' | 'none' | Array<{ uuid: string }> {
  const c = choice.trim();
  return c === '' || c === 'auto' ? 'auto' : c === 'none' ? 'none' : [{ uuid: c }];
}

export function createServerBodyOf(req: computeV1.CreateServerRequest): CreateServerBody['server'] {
  const count = req.count > 0 ? req.count : 1;
  const server: Record<string, unknown> = {
    name: req.name,
    imageRef: req.imageId,
    flavorRef: req.flavorId,
    min_count: count,
    max_count: count,
    networks: networksOf(req.networks),
    metadata: req.metadata,
  };
  if (req.keyName) {
    server['key_name'] = req.keyName;
  }
  if (req.userData.length > 0) {
    server['user_data'] = Buffer.from(req.userData).toString('base64');
  }
  if (req.availabilityZone) {
    server['availability_zone'] = req.availabilityZone;
  }
  return parseInput(pickForVersion(ApiVersion.max, CREATE_SERVER_SCHEMAS), { server }).server;
}

const POWER_ACTIONS: Record<computeV1.ServerActionKind, PowerAction | undefined> = {
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_START]: 'start',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_STOP]: 'stop',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_REBOOT_SOFT]: 'reboot',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_REBOOT_HARD]: 'reboot_hard',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_PAUSE]: 'pause',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_UNPAUSE]: 'unpause',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_SUSPEND]: 'suspend',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_RESUME]: 'resume',
  [computeV1.ServerActionKind.SERVER_ACTION_KIND_UNSPECIFIED]: undefined,
  [computeV1.ServerActionKind.UNRECOGNIZED]: undefined,
};

export function powerActionOf(kind: computeV1.ServerActionKind): PowerAction {
  const action = POWER_ACTIONS[kind];
  if (!action) {
    throw badRequest('Unknown server action.');
  }
  return action;
}

/** A key pair to import or create, checked as POST /os-keypairs checks it. */
export function newKeypairOf(name: string, publicKey?: string, type?: string): NewKeypair {
  const body = parseInput(createKeypairV210, {
    keypair: { name, ...(publicKey !== undefined ? { public_key: publicKey } : {}), type: type || 'ssh' },
  });
  return { name: body.keypair.name, publicKey: body.keypair.public_key, type: body.keypair.type ?? 'ssh' };
}

export function protoKeypair(kp: KeypairEntity): computeV1.Keypair {
  return { name: kp.name, type: kp.type, fingerprint: kp.fingerprint, publicKey: kp.publicKey, createdAt: kp.createdAt };
}

export function createFlavorBodyOf(req: computeV1.CreateFlavorRequest): CreateFlavorBody['flavor'] {
  const flavor: Record<string, unknown> = {
    name: req.name,
    vcpus: req.vcpus,
    ram: req.ramMb,
    disk: req.diskGb,
    'os-flavor-access:is_public': req.isPublic,
  };
  if (req.id) {
    flavor['id'] = req.id;
  }
  if (req.description) {
    flavor['description'] = req.description;
  }
  return parseInput(createFlavorV255, { flavor }).flavor;
}

export function protoFlavor(f: FlavorEntity, extraSpecs: Record<string, string> | undefined): computeV1.Flavor {
  return {
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ramMb: f.memoryMb,
    diskGb: f.rootGb,
    ephemeralGb: f.ephemeralGb,
    swapMb: f.swap,
    isPublic: f.isPublic,
    description: f.description ?? '',
    extraSpecs: { ...extraSpecs },
  };
}
