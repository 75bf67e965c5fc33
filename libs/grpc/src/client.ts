import { DomainError, kindOfGrpcCode, type ErrorKind, ERROR_KINDS } from '@tinystack/errors';
import { currentRequestId, REQUEST_ID_METADATA } from '@tinystack/logging';
import {
  ClientError,
  createChannel,
  createClientFactory,
  Metadata,
  Status,
  type CallOptions,
  type Channel,
  type ClientMiddlewareCall,
  type CompatServiceDefinition,
  type Client,
} from 'nice-grpc';
import { MAX_MESSAGE_BYTES } from './server-options.js';
import { ERROR_KIND_METADATA } from './rpc-exception.filter.js';

export type { Client, Channel } from 'nice-grpc';
export { Metadata } from 'nice-grpc';

/** Per-call options our middleware understands, besides nice-grpc's own. */
export interface TinystackCallOptions {
  /** Caller's token, sent as `x-auth-token` metadata. */
  token?: string;
  /** Deadline in ms from now; defaults to the client's default (streams: none). */
  timeoutMs?: number;
}

function kindFromTrailer(trailer: Metadata | undefined, code: Status): ErrorKind {
  const raw = trailer?.get(ERROR_KIND_METADATA);
  return typeof raw === 'string' && (ERROR_KINDS as readonly string[]).includes(raw)
    ? (raw as ErrorKind)
    : kindOfGrpcCode(code);
}

/** Maps gRPC errors back to DomainError (kind from the trailer), adds request id and token. */
function tinystackMiddleware(defaultTimeoutMs: number) {
  return async function* <Req, Res>(
    call: ClientMiddlewareCall<Req, Res>,
    options: CallOptions & TinystackCallOptions,
  ) {
    const { token, timeoutMs, ...rest } = options;
    const metadata = Metadata(rest.metadata);
    const requestId = currentRequestId();
    if (requestId && !metadata.has(REQUEST_ID_METADATA)) {
      metadata.set(REQUEST_ID_METADATA, requestId);
    }
    if (token) {
      metadata.set('x-auth-token', token);
    }
    const isStream = call.method.requestStream || call.method.responseStream;
    const timeout = timeoutMs ?? (isStream ? undefined : defaultTimeoutMs);
    let trailer: Metadata | undefined;
    const next = {
      ...rest,
      metadata,
      ...(timeout !== undefined
        ? { signal: rest.signal ? AbortSignal.any([rest.signal, AbortSignal.timeout(timeout)]) : AbortSignal.timeout(timeout) }
        : {}),
      onTrailer: (t: Metadata) => {
        trailer = t;
        rest.onTrailer?.(t);
      },
    };
    try {
      return yield* call.next(call.request, next);
    } catch (err) {
      if (err instanceof ClientError) {
        throw new DomainError(kindFromTrailer(trailer, err.code), err.details);
      }
      if (err instanceof Error && err.name === 'AbortError' && timeout !== undefined && !rest.signal?.aborted) {
        throw new DomainError('unavailable', `${call.method.path} timed out after ${timeout} ms`);
      }
      throw err;
    }
  };
}

/**
 * A promise-based client (nice-grpc) for one contract, e.g.
 * `createServiceClient(identityV1.IdentityServiceDefinition, '127.0.0.1:50051')`.
 * Errors arrive as DomainError; the current request id travels in metadata.
 */
export function createServiceClient<D extends CompatServiceDefinition>(
  definition: D,
  address: string,
  opts: { defaultTimeoutMs?: number; channel?: Channel } = {},
): { client: Client<D, TinystackCallOptions>; channel: Channel } {
  const channel =
    opts.channel ??
    createChannel(address, undefined, {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      'grpc.keepalive_time_ms': 30_000,
    });
  const client = createClientFactory()
    .use(tinystackMiddleware(opts.defaultTimeoutMs ?? 10_000))
    .create(definition, channel);
  return { client, channel };
}
