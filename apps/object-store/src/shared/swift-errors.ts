import { DomainError, type ErrorKind } from '@tinystack/errors';

/**
 * Swift's error responses: short text/html bodies, the standard ones per status as swob
 * writes them, or a plain explanation for validation failures (what Swift's proxy
 * sends, e.g. "Object name length of 1025 longer than 1024").
 */
const STANDARD: Partial<Record<ErrorKind, [string, string]>> = {
  bad_request: ['Bad Request', 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
  unauthorized: ['Unauthorized', 'This server could not verify that you are authorized to access the document you requested.'],
  forbidden: ['Forbidden', 'Access was denied to this resource.'],
  not_found: ['Not Found', 'The resource could not be found.'],
  method_not_allowed: ['Method Not Allowed', 'The method is not allowed for this resource.'],
  conflict: ['Conflict', 'There was a conflict when trying to complete your request.'],
  length_required: ['Length Required', 'Length Required'],
  precondition_failed: ['Precondition Failed', 'A precondition for this request was not met.'],
  payload_too_large: ['Request Entity Too Large', 'The body of your request was too large for this server.'],
  range_not_satisfiable: ['Requested Range Not Satisfiable', 'The Range requested is not available.'],
  unprocessable: ['Unprocessable Entity', 'Unable to process the contained instructions'],
  internal: ['Internal Error', 'The server has either erred or is incapable of performing the requested operation.'],
  unavailable: ['Service Unavailable', 'The server is currently unavailable. Please try again at a later time.'],
  not_implemented: ['Not Implemented', 'The server does not implement the requested method.'],
};

export function standardBody(kind: ErrorKind): string {
  const [title, text] = STANDARD[kind] ?? ['Error', 'An error occurred.'];
  return `<html><h1>${title}</h1><p>${text}</p></html>`;
}

/** A Swift error with the standard body for its status. */
export function swiftError(kind: ErrorKind, headers: Record<string, string> = {}): DomainError {
  return new DomainError(kind, standardBody(kind), headers);
}

/** A Swift error whose body is `message` (validation failures). */
export function swiftMessage(kind: ErrorKind, message: string): DomainError {
  return new DomainError(kind, message);
}

export const notFound = () => swiftError('not_found');
export const forbidden = () => swiftError('forbidden');
export const unauthorized = () => swiftError('unauthorized');
export const badRequest = (msg: string) => swiftMessage('bad_request', msg);
export const preconditionFailed = (msg?: string) =>
  msg ? swiftMessage('precondition_failed', msg) : swiftError('precondition_failed');
