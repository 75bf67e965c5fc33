import { lookup } from 'mime-types';
import { swiftError, swiftMessage, badRequest, preconditionFailed } from '../shared/swift-errors.js';
import { decodeSegment } from '../shared/swift-path.js';
import { headerText, metaFromHeaders, type Meta } from '../shared/metadata.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';

/** Largest object accepted in one PUT (Swift's max_file_size). */
export const MAX_FILE_SIZE = 5 * 1024 * 1024 * 1024 + 2;

/** Headers Swift stores with an object and returns on GET/HEAD (allowed_headers). */
export const STORED_HEADERS = ['content-disposition', 'content-encoding', 'content-language', 'cache-control', 'expires', 'x-robots-tag'];

/** What an object PUT asks for, read from its headers. */
export interface PutSpec {
  /** Declared length; undefined for a chunked body. */
  readonly contentLength?: number | undefined;
  /** Expected MD5, unquoted. */
  readonly etag?: string | undefined;
  /** Explicit Content-Type, undefined to detect it from the name. */
  readonly contentType?: string | undefined;
  readonly meta: Meta;
  readonly stored: Record<string, string>;
  readonly deleteAt: number | null;
  /** X-Object-Manifest (`container/prefix`), decoded: a DLO manifest. */
  readonly dloManifest?: string | undefined;
  readonly ifNoneMatchStar: boolean;
}

export function parsePutSpec(r: SwiftRequest): PutSpec {
  const chunked = /chunked/i.test(header(r, 'transfer-encoding') ?? '');
  const rawLength = header(r, 'content-length');
  if (!chunked && rawLength === undefined) {
    throw swiftError('length_required');
  }
  const contentLength = chunked ? undefined : Number(rawLength);
  if (contentLength !== undefined && (!Number.isSafeInteger(contentLength) || contentLength < 0)) {
    throw badRequest('Invalid Content-Length');
  }
  if (contentLength !== undefined && contentLength > MAX_FILE_SIZE) {
    throw swiftMessage('payload_too_large', 'Your request is too large.');
  }
  const ifNoneMatch = header(r, 'if-none-match');
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw badRequest('If-None-Match only supports *');
  }
  const etag = header(r, 'etag')?.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  return {
    contentLength,
    etag: etag || undefined,
    contentType: contentTypeOf(r),
    meta: metaFromHeaders(r.headers, 'object'),
    stored: storedHeadersOf(r),
    deleteAt: deleteAtOf(r),
    dloManifest: dloManifestOf(r),
    ifNoneMatchStar: ifNoneMatch !== undefined,
  };
}

function contentTypeOf(r: SwiftRequest): string | undefined {
  const raw = header(r, 'content-type');
  const detect = /^(true|1|yes|on)$/i.test(header(r, 'x-detect-content-type') ?? '');
  if (!raw || detect) {
    return undefined;
  }
  return headerText(raw).replace(/;\s*swift_bytes=\d+/, '');
}

/** The Content-Type Swift gives an object stored without one: guessed from the name. */
export function detectContentType(name: string): string {
  return lookup(name) || 'application/octet-stream';
}

export function storedHeadersOf(r: SwiftRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of STORED_HEADERS) {
    const v = header(r, h);
    if (v !== undefined) {
      out[h] = headerText(v);
    }
  }
  return out;
}

/** X-Delete-At / X-Delete-After as Unix seconds; null when neither is set. */
export function deleteAtOf(r: SwiftRequest): number | null {
  const at = header(r, 'x-delete-at');
  const after = header(r, 'x-delete-after');
  const now = Date.now() / 1000;
  if (after !== undefined) {
    if (!/^-?\d+$/.test(after.trim())) {
      throw badRequest('Non-integer X-Delete-After');
    }
    const secs = Number(after);
    if (secs < 0) {
      throw badRequest('X-Delete-After in past');
    }
    return Math.ceil(now + secs);
  }
  if (at !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(at.trim())) {
      throw badRequest('Non-integer X-Delete-At');
    }
    const ts = Math.floor(Number(at));
    if (ts < now) {
      throw badRequest('X-Delete-At in past');
    }
    return ts;
  }
  return null;
}

function dloManifestOf(r: SwiftRequest): string | undefined {
  const raw = header(r, 'x-object-manifest');
  if (raw === undefined) {
    return undefined;
  }
  const value = decodeSegment(raw);
  const slash = value.indexOf('/');
  if (slash <= 0 || value.startsWith('/')) {
    throw badRequest('X-Object-Manifest must be in the format container/prefix');
  }
  return value;
}

export function assertNoBodyForCopy(spec: PutSpec): void {
  if (spec.contentLength !== undefined && spec.contentLength !== 0) {
    throw badRequest('Copy requests require a zero byte body');
  }
  if (spec.contentLength === undefined) {
    throw preconditionFailed('Copy requests require a zero byte body');
  }
}
