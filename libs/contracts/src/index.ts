import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export * as identityV1 from './gen/tinystack/identity/v1/identity.js';

/** Directory holding the `.proto` sources (the repository's `proto/`), for gRPC loaders. */
export const PROTO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'proto');

/** The proto package, service name and file of each service's contract. */
export const CONTRACTS = {
  identity: {
    package: 'tinystack.identity.v1',
    service: 'IdentityService',
    file: 'tinystack/identity/v1/identity.proto',
  },
} as const;

export type ContractName = keyof typeof CONTRACTS;
