import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What travels with one request through HTTP, gRPC and the log lines it causes. */
export interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'x-openstack-request-id';
/** gRPC metadata key carrying the request id between services. */
export const REQUEST_ID_METADATA = 'x-openstack-request-id';

/** `req-<uuid>`, the form OpenStack services use. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

/** Accept a caller-supplied id only when it looks like one (no header injection, bounded). */
export function sanitizeRequestId(raw: unknown): string | undefined {
  return typeof raw === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(raw) ? raw : undefined;
}

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
