import { badRequest } from '@tinystack/errors';

/** A Keystone string filter: `name=x`, `name__contains=x`, `name__istartswith=x`, ... */
export interface StringFilter {
  readonly op: 'eq' | 'contains' | 'startswith' | 'endswith';
  readonly value: string;
  readonly caseInsensitive: boolean;
}

export type Query = Readonly<Record<string, unknown>>;

const OPS = /^(i?)(contains|startswith|endswith)$/;

/** A single string query value; a repeated parameter is a 400. */
export function queryString(query: Query, key: string): string | undefined {
  const v = query[key];
  if (v === undefined) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw badRequest(`Invalid input for query parameter '${key}': it may be given only once.`);
  }
  return v;
}

/** Keystone's boolean query values: 0/false/no/off/n/f are false, anything else true. */
export function queryBool(query: Query, key: string): boolean | undefined {
  const v = queryString(query, key);
  if (v === undefined) {
    return undefined;
  }
  return !['0', 'false', 'no', 'off', 'n', 'f'].includes(v.toLowerCase());
}

/** Every filter on `field` in the query string. */
export function stringFilters(query: Query, field: string): StringFilter[] {
  const out: StringFilter[] = [];
  for (const key of Object.keys(query)) {
    if (key === field) {
      out.push({ op: 'eq', value: queryString(query, key) ?? '', caseInsensitive: false });
    } else if (key.startsWith(`${field}__`)) {
      const m = OPS.exec(key.slice(field.length + 2));
      if (m?.[2]) {
        const op = m[2] as StringFilter['op'];
        out.push({ op, value: queryString(query, key) ?? '', caseInsensitive: m[1] === 'i' });
      }
    }
  }
  return out;
}

export function matchesString(
  value: string | null | undefined,
  filters: readonly StringFilter[],
): boolean {
  return filters.every((f) => {
    const v = f.caseInsensitive ? (value ?? '').toLowerCase() : (value ?? '');
    const want = f.caseInsensitive ? f.value.toLowerCase() : f.value;
    switch (f.op) {
      case 'eq':
        return value === f.value;
      case 'contains':
        return v.includes(want);
      case 'startswith':
        return v.startsWith(want);
      case 'endswith':
        return v.endsWith(want);
    }
  });
}

export interface PageRequest {
  readonly limit?: number | undefined;
  readonly marker?: string | undefined;
}

/** `limit` and `marker` from the query (an extension: Keystone itself returns whole lists). */
export function pageRequest(query: Query): PageRequest {
  const rawLimit = queryString(query, 'limit');
  const marker = queryString(query, 'marker');
  if (rawLimit === undefined) {
    return { marker };
  }
  if (!/^\d{1,6}$/.test(rawLimit) || Number(rawLimit) < 1) {
    throw badRequest(`Invalid input for query parameter 'limit': must be a positive integer.`);
  }
  return { limit: Number(rawLimit), marker };
}

export interface Page<T> {
  readonly items: T[];
  /** Marker of the next page, when there is one. */
  readonly nextMarker?: string | undefined;
}

/** Items sorted by id after `marker`, at most `limit` of them. */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  page: PageRequest,
): Page<T> {
  if (page.limit === undefined && page.marker === undefined) {
    return { items: [...items] };
  }
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start =
    page.marker === undefined ? sorted : sorted.filter((i) => i.id > (page.marker ?? ''));
  if (page.limit === undefined || start.length <= page.limit) {
    return { items: start };
  }
  const slice = start.slice(0, page.limit);
  return { items: slice, nextMarker: slice[slice.length - 1]?.id };
}
