import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export * as identityV1 from './gen/tinystack/identity/v1/identity.js';
export * as objectstoreV1 from './gen/tinystack/objectstore/v1/objectstore.js';
export * as imageV1 from './gen/tinystack/image/v1/image.js';
export * as computeV1 from './gen/tinystack/compute/v1/compute.js';
export * as agentV1 from './gen/tinystack/agent/v1/agent.js';
export * as networkV1 from './gen/tinystack/network/v1/network.js';

/** Directory holding the `.proto` sources (the repository's `proto/`), for gRPC loaders. */
export const PROTO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'proto');

/** The proto package, service name and file of each service's contract. */
export const CONTRACTS = {
  identity: {
    package: 'tinystack.identity.v1',
    service: 'IdentityService',
    file: 'tinystack/identity/v1/identity.proto',
  },
  image: {
    package: 'tinystack.image.v1',
    service: 'ImageService',
    file: 'tinystack/image/v1/image.proto',
  },
  objectstore: {
    package: 'tinystack.objectstore.v1',
    service: 'ObjectStoreService',
    file: 'tinystack/objectstore/v1/objectstore.proto',
  },
  compute: {
    package: 'tinystack.compute.v1',
    service: 'ComputeService',
    file: 'tinystack/compute/v1/compute.proto',
  },
  agent: {
    package: 'tinystack.agent.v1',
    service: 'AgentService',
    file: 'tinystack/agent/v1/agent.proto',
  },
  network: {
    package: 'tinystack.network.v1',
    service: 'NetworkService',
    file: 'tinystack/network/v1/network.proto',
  },
} as const;

export type ContractName = keyof typeof CONTRACTS;
