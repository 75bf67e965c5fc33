import { join } from 'node:path';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { CONTRACTS, PROTO_ROOT, type ContractName } from '@tinystack/contracts';

/**
 * proto-loader options matching the ts-proto generator options in proto/buf.gen.yaml
 * (camelCase fields, int64 as number, defaults filled), so the runtime objects have the
 * shape of the generated types.
 */
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
} as const;

/** Largest gRPC message accepted; byte streams use chunks well below it. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Nest microservice options serving one or more contracts on `url` (host:port). */
export function grpcServerOptions(contracts: ContractName[], url: string): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      url,
      package: contracts.map((c) => CONTRACTS[c].package),
      protoPath: contracts.map((c) => join(PROTO_ROOT, CONTRACTS[c].file)),
      loader: { ...LOADER_OPTIONS, includeDirs: [...LOADER_OPTIONS.includeDirs] },
      maxReceiveMessageLength: MAX_MESSAGE_BYTES,
      maxSendMessageLength: MAX_MESSAGE_BYTES,
      gracefulShutdown: true,
    },
  };
}
