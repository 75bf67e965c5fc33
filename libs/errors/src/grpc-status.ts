import type { ErrorKind } from './domain-error.js';

/**
 * gRPC status codes (numeric values of grpc.status), following google/rpc/code.proto's
 * "HTTP Mapping" comments. Kept numeric so this lib does not depend on @grpc/grpc-js.
 */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/**
 * gRPC code for each kind. Kinds that share a code are told apart on the way back by the
 * `x-error-kind` trailer the server sends.
 */
export function grpcCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_request':
    case 'length_required':
    case 'unprocessable':
    case 'unsupported_media_type':
      return GrpcCode.INVALID_ARGUMENT;
    case 'unauthorized':
      return GrpcCode.UNAUTHENTICATED;
    case 'forbidden':
      return GrpcCode.PERMISSION_DENIED;
    case 'not_found':
    case 'gone':
      return GrpcCode.NOT_FOUND;
    case 'conflict':
      return GrpcCode.ALREADY_EXISTS;
    case 'precondition_failed':
    case 'method_not_allowed':
      return GrpcCode.FAILED_PRECONDITION;
    case 'payload_too_large':
    case 'too_many_requests':
      return GrpcCode.RESOURCE_EXHAUSTED;
    case 'range_not_satisfiable':
      return GrpcCode.OUT_OF_RANGE;
    case 'not_implemented':
      return GrpcCode.UNIMPLEMENTED;
    case 'unavailable':
      return GrpcCode.UNAVAILABLE;
    case 'internal':
      return GrpcCode.INTERNAL;
  }
}

/** Kind for a gRPC code when the server sent no `x-error-kind`. */
export function kindOfGrpcCode(code: number): ErrorKind {
  switch (code) {
    case GrpcCode.INVALID_ARGUMENT:
      return 'bad_request';
    case GrpcCode.UNAUTHENTICATED:
      return 'unauthorized';
    case GrpcCode.PERMISSION_DENIED:
      return 'forbidden';
    case GrpcCode.NOT_FOUND:
      return 'not_found';
    case GrpcCode.ALREADY_EXISTS:
    case GrpcCode.ABORTED:
      return 'conflict';
    case GrpcCode.FAILED_PRECONDITION:
      return 'precondition_failed';
    case GrpcCode.RESOURCE_EXHAUSTED:
      return 'too_many_requests';
    case GrpcCode.OUT_OF_RANGE:
      return 'range_not_satisfiable';
    case GrpcCode.UNIMPLEMENTED:
      return 'not_implemented';
    case GrpcCode.UNAVAILABLE:
    case GrpcCode.DEADLINE_EXCEEDED:
    case GrpcCode.CANCELLED:
      return 'unavailable';
    default:
      return 'internal';
  }
}
