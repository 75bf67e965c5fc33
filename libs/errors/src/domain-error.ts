/**
 * Typed domain errors. Services throw these (never HttpException); each transport maps
 * the closed set of kinds exactly once: HTTP status + the API's own body shape, or a gRPC
 * status. A gRPC client maps the status back to the same kind, so an error crosses
 * services unchanged.
 */
export const ERROR_KINDS = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'gone',
  'length_required',
  'precondition_failed',
  'payload_too_large',
  'unsupported_media_type',
  'range_not_satisfiable',
  'unprocessable',
  'too_many_requests',
  'not_implemented',
  'unavailable',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Extra response headers the HTTP edge should send (e.g. Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** The API's own name for this error where its body carries one (Neutron's `type`, e.g. NetworkNotFound). */
    readonly code?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const badRequest = (msg: string) => new DomainError('bad_request', msg);
export const unauthorized = (msg = 'The request you have made requires authentication.') =>
  new DomainError('unauthorized', msg);
export const forbidden = (msg = 'You are not authorized to perform the requested action.') =>
  new DomainError('forbidden', msg);
export const notFound = (msg: string) => new DomainError('not_found', msg);
export const conflict = (msg: string) => new DomainError('conflict', msg);

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
