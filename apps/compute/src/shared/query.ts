import { badRequest } from '@tinystack/errors';

/** Nova's osapi_max_limit: the most items one list page holds. */
export const MAX_LIMIT = 1000;

export type RawQuery = Readonly<Record<string, unknown>>;

/** The value of a query parameter (the last one when it repeats, as webob's `params.get`). */
export function queryValue(query: RawQuery, key: string): string | undefined {
  const raw = query[key];
  const v: unknown = Array.isArray(raw) ? (raw as unknown[])[raw.length - 1] : raw;
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable query parameter. */
export function queryValues(query: RawQuery, key: string): string[] {
  const raw = query[key];
  const all: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
  return all.filter((v): v is string => typeof v === 'string');
}

export interface Page {
  readonly limit: number;
  /** True when the caller gave a limit (a full page then gets a `next` link). */
  readonly explicit: boolean;
  readonly marker?: string | undefined;
}

/** `limit` and `marker` as Nova reads them (common.get_pagination_params). */
export function pageOf(query: RawQuery): Page {
  const text = queryValue(query, 'limit');
  let limit = MAX_LIMIT;
  if (text !== undefined) {
    if (!/^-?\d+$/.test(text)) {
      throw badRequest('limit param must be an integer');
    }
    const n = Number(text);
    if (n < 0) {
      throw badRequest('limit param must be positive');
    }
    limit = Math.min(n, MAX_LIMIT);
  }
  return { limit, explicit: text !== undefined, marker: queryValue(query, 'marker') };
}

/** Whether a page that came back with `count` items gets a `next` link (Nova: a full page). */
export function isFullPage(page: Page, count: number): boolean {
  return count > 0 && count >= page.limit;
}

/** Nova's strutils.bool_from_string(strict=True). */
export function parseBool(text: string, what: string): boolean {
  const v = text.trim().toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(v)) {
    return true;
  }
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(v)) {
    return false;
  }
  throw badRequest(`Invalid ${what} filter [${text}]`);
}

/** Reject keys outside `allowed` (Nova's additionalProperties: False on query strings at 2.75). */
export function rejectUnknownParams(query: RawQuery, allowed: ReadonlySet<string>): void {
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw badRequest(`Invalid input for query parameters ${unknown.join(', ')}. Additional properties are not allowed`);
  }
}
