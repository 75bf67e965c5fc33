/** The services the dashboard talks to, and how it names them to people. */
export const SERVICE_LABELS = {
  identity: 'Identity',
  compute: 'Compute',
  image: 'The image service',
  'object-store': 'Object storage',
  network: 'Networking',
} as const;
export type ServiceName = keyof typeof SERVICE_LABELS;

/** An error from a service, in words for the person looking at the page. */
export interface CloudError {
  readonly service: ServiceName;
  /** The DomainError kind (`not_found`, `unavailable`, ...) or `internal`. */
  readonly kind: string;
  readonly message: string;
  readonly requestId?: string;
}

/** Kinds that mean "the service is not there (yet)", not "your request was wrong". */
export const ABSENT_KINDS = new Set(['unavailable', 'not_implemented']);

/**
 * The sentence shown next to what failed. Service messages for request errors are already
 * written for people ("No image with ID x exists."), so they are kept; transport failures
 * and internal errors get a plain explanation instead of a gRPC status.
 */
export function plainMessage(
  service: ServiceName,
  kind: string,
  detail: string,
  requestId?: string,
): string {
  const label = SERVICE_LABELS[service];
  const ref = requestId ? ` (request ${requestId})` : '';
  switch (kind) {
    case 'unavailable':
      return `${label} is not available right now: the service did not answer. Try again in a moment.`;
    case 'not_implemented':
      return `${label} does not offer this yet.`;
    case 'forbidden':
      return detail && !/not authorized to perform/i.test(detail)
        ? detail
        : 'You are not allowed to do this in this project.';
    case 'unauthorized':
      return 'Your session is no longer valid. Log in again.';
    case 'internal':
      return `${label} failed unexpectedly${ref}. If it keeps happening, the service log has the details.`;
    default:
      return detail || `${label} refused the request (${kind.replace(/_/g, ' ')}).`;
  }
}

/** The kind and message of anything thrown by a gRPC client call (DomainError or not). */
export function errorParts(err: unknown): { kind: string; detail: string } {
  if (err && typeof err === 'object') {
    const e = err as { kind?: unknown; message?: unknown };
    const detail = typeof e.message === 'string' ? e.message : '';
    if (typeof e.kind === 'string') {
      return { kind: e.kind, detail };
    }
    if (
      /ECONNREFUSED|UNAVAILABLE|No connection established|timed? ?out|aborted due to timeout/i.test(
        detail,
      )
    ) {
      return { kind: 'unavailable', detail };
    }
    return { kind: 'internal', detail };
  }
  return { kind: 'internal', detail: String(err) };
}

export function toCloudError(service: ServiceName, err: unknown, requestId?: string): CloudError {
  const { kind, detail } = errorParts(err);
  const base = { service, kind, message: plainMessage(service, kind, detail, requestId) };
  return requestId ? { ...base, requestId } : base;
}
