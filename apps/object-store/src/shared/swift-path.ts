import { badRequest, notFound, preconditionFailed } from './swift-errors.js';

export const MAX_ACCOUNT_NAME_LENGTH = 256;
export const MAX_CONTAINER_NAME_LENGTH = 256;
export const MAX_OBJECT_NAME_LENGTH = 1024;

/** The parts of a `/v1/<account>[/<container>[/<object>]]` path, decoded. */
export interface SwiftPath {
  readonly account: string;
  readonly container?: string;
  readonly object?: string;
}

/**
 * Percent-decodes one raw path segment byte-wise (Node gives the request line as latin1),
 * leaving malformed escapes as they are (Python's unquote), then decodes UTF-8 strictly:
 * invalid UTF-8 and NUL are refused with Swift's 412.
 */
export function decodeSegment(raw: string): string {
  const src = Buffer.from(raw, 'latin1');
  const out = Buffer.alloc(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? 0;
    const hex = c === 0x25 ? src.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else {
      out[n++] = c;
    }
  }
  return utf8Strict(out.subarray(0, n));
}

/** Decodes UTF-8, refusing invalid sequences and NUL (Swift's check_utf8). */
export function utf8Strict(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw preconditionFailed('Invalid UTF8 or contains NULL');
  }
  if (text.includes('\u0000')) {
    throw preconditionFailed('Invalid UTF8 or contains NULL');
  }
  return text;
}

/**
 * Decodes the raw request path (percent-encoded, query removed) as Swift does (unquote
 * the whole path, then split): `/v1/<account>[/<container>[/<object...>]]`. Empty
 * account or container, and `.` / `..` segments, are refused.
 */
export function parseSwiftPath(rawPath: string): SwiftPath {
  if (!rawPath.startsWith('/v1/')) {
    throw notFound();
  }
  const path = decodeSegment(rawPath.slice(4));
  const m = /^([^/]*)(?:\/([^/]*)(?:\/(.*))?)?$/s.exec(path);
  if (!m || !m[1]) {
    throw notFound();
  }
  const account = m[1];
  const container = m[2] === undefined || (m[2] === '' && m[3] === undefined) ? undefined : m[2];
  const object = m[3] === undefined || m[3] === '' ? undefined : m[3];
  if (container === '') {
    throw badRequest('Invalid path');
  }
  for (const seg of [account, container, ...(object?.split('/') ?? [])]) {
    if (seg === '.' || seg === '..') {
      throw badRequest(`Invalid path: ${rawPath}`);
    }
  }
  checkLength('Account', account, MAX_ACCOUNT_NAME_LENGTH);
  if (container !== undefined) {
    checkLength('Container', container, MAX_CONTAINER_NAME_LENGTH);
  }
  if (object !== undefined) {
    checkLength('Object', object, MAX_OBJECT_NAME_LENGTH);
  }
  return { account, container, object };
}

function checkLength(what: string, name: string, max: number): void {
  const len = Buffer.byteLength(name);
  if (len > max) {
    throw badRequest(`${what} name length of ${len} longer than ${max}`);
  }
}

/** The project id of an `AUTH_<project id>` account, or undefined for other names. */
export function projectOfAccount(account: string): string | undefined {
  return account.startsWith('AUTH_') && account.length > 5 ? account.slice(5) : undefined;
}
