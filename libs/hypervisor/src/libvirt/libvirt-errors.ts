import { DomainError, isDomainError } from '@tinystack/errors';
import {
  guestNotFound,
  guestStateConflict,
  hypervisorFailure,
  hypervisorUnavailable,
} from '../driver/hypervisor.errors.js';
import { VirErr, type NativeError } from './native.js';

/**
 * libvirt failures as DomainErrors (the driver's failure semantics). Our addon rejects with
 * libvirt's error number; @unraid/libvirt only with the message, so both are looked at.
 */
const NOT_FOUND = /domain not found|no domain with matching/i;
const INVALID =
  /requested operation is not valid|domain is not running|is already (running|active)|domain is already/i;
const UNREACHABLE =
  /failed to connect|client socket is closed|cannot recv data|end of file while reading|connection is not open|no connection driver|cannot write data|broken pipe|libvirt connection/i;

/** True when `err` means the connection to libvirt is gone (reconnect and retry later). */
export function isConnectionLost(err: unknown): boolean {
  const code = (err as NativeError | undefined)?.code;
  if (code === VirErr.NO_CONNECT || code === VirErr.RPC || code === VirErr.AUTH_FAILED) {
    return true;
  }
  return err instanceof Error && UNREACHABLE.test(err.message);
}

export interface ErrorContext {
  /** What was being done, e.g. `start`. */
  readonly op: string;
  readonly id?: string;
  /** The guest's state, for conflict messages. */
  readonly state?: string;
}

/** Maps anything a libvirt call threw to the driver's DomainError kinds. */
export function toDomainError(err: unknown, ctx: ErrorContext): DomainError {
  if (isDomainError(err)) {
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as NativeError | undefined)?.code;
  if (code === VirErr.NO_DOMAIN || NOT_FOUND.test(message)) {
    return ctx.id ? guestNotFound(ctx.id) : new DomainError('not_found', message);
  }
  if (code === VirErr.OPERATION_INVALID || INVALID.test(message)) {
    return ctx.id
      ? guestStateConflict(
          ctx.id,
          ctx.op,
          ctx.state ?? `in a state that does not allow it (${message})`,
        )
      : new DomainError('conflict', message);
  }
  if (isConnectionLost(err) || code === VirErr.OPERATION_TIMEOUT) {
    return hypervisorUnavailable(message);
  }
  return hypervisorFailure(`libvirt ${ctx.op} failed: ${message}`);
}
