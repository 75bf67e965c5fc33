import { preconditionFailed } from './swift-errors.js';
import type { SwiftRequest } from './swift-request.js';

export const LISTING_LIMIT = 10_000;

/** Listing parameters (account and container GET), as Swift reads them. */
export interface ListParams {
  readonly prefix: string;
  readonly marker: string;
  readonly endMarker: string;
  readonly delimiter: string;
  readonly limit: number;
  readonly reverse: boolean;
  /** Container listings only: the deprecated `path` parameter. */
  readonly path?: string | undefined;
}

export type ListingFormat = 'json' | 'xml' | 'plain';

export function listParamsOf(r: SwiftRequest): ListParams {
  const q = r.query;
  const rawLimit = q.get('limit');
  let limit = LISTING_LIMIT;
  if (rawLimit !== null && rawLimit !== '') {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit)) {
      throw preconditionFailed(`Value of limit must be a positive integer`);
    }
    if (limit > LISTING_LIMIT) {
      throw preconditionFailed(`Maximum limit is ${LISTING_LIMIT}`);
    }
  }
  const delimiter = q.get('delimiter') ?? '';
  if (delimiter.length > 1) {
    throw preconditionFailed('Bad delimiter');
  }
  const path = q.get('path') ?? undefined;
  return {
    prefix: q.get('prefix') ?? '',
    marker: q.get('marker') ?? '',
    endMarker: q.get('end_marker') ?? '',
    delimiter,
    limit,
    reverse: ['true', '1', 'yes', 'on', 't', 'y'].includes((q.get('reverse') ?? '').toLowerCase()),
    path,
  };
}

export function formatOf(r: SwiftRequest): ListingFormat {
  const f = (r.query.get('format') ?? '').toLowerCase();
  if (f === 'json' || f === 'xml' || f === 'plain') {
    return f;
  }
  const accept = String(r.headers['accept'] ?? '');
  if (accept.includes('application/json')) {
    return 'json';
  }
  if (accept.includes('application/xml') || accept.includes('text/xml')) {
    return 'xml';
  }
  return 'plain';
}

/** The smallest string greater than every string starting with `s` (bytewise), or undefined. */
export function afterPrefix(s: string): string | undefined {
  const chars = Array.from(s);
  while (chars.length > 0) {
    const last = chars.pop() ?? '';
    let cp = (last.codePointAt(0) ?? 0) + 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xe000;
    }
    if (cp <= 0x10ffff) {
      return chars.join('') + String.fromCodePoint(cp);
    }
  }
  return undefined;
}

/** Name bounds for one listing query page. */
export interface NameRange {
  /** Names strictly greater than this (or >= when `fromInclusive`). */
  readonly after?: string | undefined;
  readonly fromInclusive?: boolean;
  /** Names strictly less than this. */
  readonly before?: string | undefined;
  readonly prefix: string;
  readonly reverse: boolean;
  readonly limit: number;
}

export interface Named {
  readonly name: string;
}

export type ListEntry<T> = { item: T } | { subdir: string };

/** Where the next page of a listing walk starts and stops. */
interface Cursor {
  lower?: string | undefined;
  lowerInclusive: boolean;
  upper?: string | undefined;
}

/**
 * Swift's listing walk: pages of rows in name order from `fetch`, rolled up into
 * `subdir` entries at the delimiter, skipping past each rolled-up prefix in the next
 * query, until `limit` entries are collected.
 */
export async function walkListing<T extends Named>(
  p: ListParams,
  fetch: (range: NameRange) => Promise<T[]>,
): Promise<Array<ListEntry<T>>> {
  const isPath = p.path !== undefined;
  const prefix = isPath ? (p.path ? `${p.path.replace(/\/+$/, '')}/` : '') : p.prefix;
  const delimiter = isPath ? '/' : p.delimiter;
  const out: Array<ListEntry<T>> = [];
  const cur: Cursor = p.reverse
    ? { lower: p.endMarker || undefined, lowerInclusive: false, upper: p.marker || undefined }
    : { lower: p.marker || undefined, lowerInclusive: false, upper: p.endMarker || undefined };
  while (out.length < p.limit) {
    const want = p.limit - out.length;
    const rows = await fetch({ after: cur.lower, fromInclusive: cur.lowerInclusive, before: cur.upper, prefix, reverse: p.reverse, limit: want });
    const more = takePage(rows, { ...p, prefix, delimiter, isPath }, out, cur);
    if (!more || (rows.length < want && !more.skipped)) {
      break;
    }
  }
  return out;
}

/**
 * Adds one page's rows to `out` and moves the cursor: past the last row, or past the
 * pseudo-directory just rolled up. Returns undefined when the walk is over.
 */
function takePage<T extends Named>(
  rows: T[],
  p: ListParams & { prefix: string; delimiter: string; isPath: boolean },
  out: Array<ListEntry<T>>,
  cur: Cursor,
): { skipped: boolean } | undefined {
  for (const row of rows) {
    const idx = p.delimiter ? row.name.indexOf(p.delimiter, p.prefix.length) : -1;
    if (idx !== -1) {
      const dir = row.name.slice(0, idx + p.delimiter.length);
      if (!p.isPath) {
        out.push({ subdir: dir });
      }
      if (p.reverse) {
        cur.upper = dir;
        return { skipped: true };
      }
      cur.lower = afterPrefix(dir);
      cur.lowerInclusive = true;
      return cur.lower === undefined ? undefined : { skipped: true };
    }
    if (!(p.isPath && row.name === p.path)) {
      out.push({ item: row });
    }
    if (out.length >= p.limit) {
      return undefined;
    }
  }
  const last = rows[rows.length - 1]?.name;
  if (last === undefined) {
    return undefined;
  }
  if (p.reverse) {
    cur.upper = last;
  } else {
    cur.lower = last;
    cur.lowerInclusive = false;
  }
  return { skipped: false };
}
