import type { ErrorKind } from './domain-error.js';

/** HTTP status of each error kind. */
export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'length_required':
      return 411;
    case 'precondition_failed':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'range_not_satisfiable':
      return 416;
    case 'unprocessable':
      return 422;
    case 'too_many_requests':
      return 429;
    case 'not_implemented':
      return 501;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

/** Reason phrase used as the `title` of Keystone-style bodies. */
export function httpTitleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    410: 'Gone',
    411: 'Length Required',
    412: 'Precondition Failed',
    413: 'Request Entity Too Large',
    415: 'Unsupported Media Type',
    416: 'Requested Range Not Satisfiable',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}

/** The kind an HTTP status maps back to (for errors raised by framework layers). */
export function kindOfHttpStatus(status: number): ErrorKind {
  const map: Record<number, ErrorKind> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    410: 'gone',
    411: 'length_required',
    412: 'precondition_failed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    416: 'range_not_satisfiable',
    422: 'unprocessable',
    429: 'too_many_requests',
    501: 'not_implemented',
    503: 'unavailable',
  };
  return map[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}
