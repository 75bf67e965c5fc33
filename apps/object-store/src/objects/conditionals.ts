import { parseHttpDate } from '../shared/swift-time.js';

export interface ConditionalHeaders {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: string | undefined;
  readonly ifUnmodifiedSince?: string | undefined;
}

/** What a conditional GET/HEAD turns into: go on, 304 or 412. */
export type ConditionalOutcome = 'proceed' | 'not_modified' | 'precondition_failed';

const unquote = (s: string) => s.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

function etagListMatches(header: string, etag: string): boolean {
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || unquote(v) === etag;
  });
}

/**
 * RFC 7232 evaluation order, as swob applies it: If-Match, then If-Unmodified-Since
 * (only without If-Match), then If-None-Match (304 for GET/HEAD), then
 * If-Modified-Since (only without If-None-Match). `lastModifiedMs` is compared at
 * whole-second precision, as the Last-Modified header carries it.
 */
export function evaluateConditionals(h: ConditionalHeaders, etag: string, lastModifiedMs: number): ConditionalOutcome {
  const lastModified = Math.ceil(lastModifiedMs / 1000) * 1000;
  if (h.ifMatch !== undefined) {
    if (!etagListMatches(h.ifMatch, etag)) {
      return 'precondition_failed';
    }
  } else {
    const since = parseHttpDate(h.ifUnmodifiedSince);
    if (since !== undefined && lastModified > since) {
      return 'precondition_failed';
    }
  }
  if (h.ifNoneMatch !== undefined) {
    if (etagListMatches(h.ifNoneMatch, etag)) {
      return 'not_modified';
    }
  } else {
    const since = parseHttpDate(h.ifModifiedSince);
    if (since !== undefined && lastModified <= since) {
      return 'not_modified';
    }
  }
  return 'proceed';
}
