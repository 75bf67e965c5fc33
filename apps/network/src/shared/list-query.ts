import { invalidInput } from './neutron.errors.js';

/** Express's parsed query: each value a string or, when repeated, a list. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** Query parameters that are not attribute filters. */
const RESERVED = new Set(['fields', 'limit', 'marker', 'sort_key', 'sort_dir', 'page_reverse', 'verbose']);

/** A resource as the API shows it: attribute name to JSON value. */
export type View = Readonly<Record<string, unknown>> & { readonly id: string };

export interface Page<V extends View> {
  readonly items: Array<Partial<V>>;
  /** `<collection>_links` with the next page, when there is one. */
  readonly links?: Array<{ rel: 'next' | 'previous'; href: string }>;
}

export function valuesOf(query: RawQuery, key: string): string[] {
  const v = query[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function firstOf(query: RawQuery, key: string): string | undefined {
  return valuesOf(query, key)[0];
}

/** One attribute value against the filter's text, as Neutron compares them (booleans loosely). */
/** A scalar attribute as query text; objects (never filtered on) compare as JSON. */
function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function matchesScalar(value: unknown, wanted: string): boolean {
  if (typeof value === 'boolean') {
    const w = wanted.toLowerCase();
    return value ? w === 'true' || w === '1' : w === 'false' || w === '0';
  }
  if (value === null || value === undefined) {
    return wanted === '' || wanted === 'None';
  }
  return textOf(value) === wanted;
}

/** `fixed_ips=ip_address=10.0.0.5` / `fixed_ips=subnet_id=...`: any of the port's addresses matches. */
function matchesFixedIps(value: unknown, filters: string[]): boolean {
  const ips = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  return filters.every((f) => {
    const eq = f.indexOf('=');
    const key = eq === -1 ? 'ip_address' : f.slice(0, eq);
    const want = eq === -1 ? f : f.slice(eq + 1);
    if (key === 'ip_address_substr') {
      return ips.some((ip) => String(ip['ip_address']).includes(want));
    }
    return ips.some((ip) => String(ip[key]) === want);
  });
}

function matches(view: View, query: RawQuery): boolean {
  for (const key of Object.keys(query)) {
    if (RESERVED.has(key)) {
      continue;
    }
    const wanted = valuesOf(query, key);
    if (key === 'fixed_ips') {
      if (!matchesFixedIps(view['fixed_ips'], wanted)) {
        return false;
      }
      continue;
    }
    if (key === 'tags' || key === 'tags-any' || key === 'not-tags' || key === 'not-tags-any') {
      continue;
    }
    if (!(key in view)) {
      // Neutron ignores filters on attributes a resource does not have
      continue;
    }
    const value = view[key];
    if (Array.isArray(value)) {
      if (!wanted.every((w) => value.some((v) => matchesScalar(v, w)))) {
        return false;
      }
      continue;
    }
    if (!wanted.some((w) => matchesScalar(value, w))) {
      return false;
    }
  }
  return true;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const sa = a === null || a === undefined ? '' : textOf(a);
  const sb = b === null || b === undefined ? '' : textOf(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sorted<V extends View>(views: V[], query: RawQuery): V[] {
  const keys = valuesOf(query, 'sort_key');
  const dirs = valuesOf(query, 'sort_dir');
  if (dirs.some((d) => d !== 'asc' && d !== 'desc')) {
    throw invalidInput("sort_dir must be 'asc' or 'desc'");
  }
  const order = keys.map((key, i) => ({ key, desc: (dirs[i] ?? dirs[0] ?? 'asc') === 'desc' }));
  order.push({ key: 'id', desc: order[0]?.desc ?? false });
  for (const { key } of order) {
    if (views.length > 0 && !(key in (views[0] as object))) {
      throw invalidInput(`${key} is an invalid attribute for sort_key`);
    }
  }
  return [...views].sort((a, b) => {
    for (const { key, desc } of order) {
      const c = compare(a[key], b[key]);
      if (c !== 0) {
        return desc ? -c : c;
      }
    }
    return 0;
  });
}

/** Keep only the requested `fields` (Neutron always adds none back, not even id). */
export function pickFields<V extends View>(view: V, query: RawQuery): Partial<V> {
  const fields = valuesOf(query, 'fields').flatMap((f) => f.split(','));
  if (fields.length === 0) {
    return view;
  }
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f in view) {
      out[f] = view[f];
    }
  }
  return out as Partial<V>;
}

/**
 * A Neutron list: attribute filters, sort_key/sort_dir, limit/marker with the `next` link,
 * and `fields`. `selfUrl` is the collection's public URL (for the link).
 */
export function listPage<V extends View>(views: V[], query: RawQuery, selfUrl: string): Page<V> {
  let rows = sorted(views.filter((v) => matches(v, query)), query);
  const marker = firstOf(query, 'marker');
  if (marker !== undefined) {
    const at = rows.findIndex((v) => v.id === marker);
    rows = at === -1 ? rows : rows.slice(at + 1);
  }
  const limitText = firstOf(query, 'limit');
  let links: Page<V>['links'];
  if (limitText !== undefined && limitText !== '') {
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) {
      throw invalidInput(`Bad limit request: Limit must be an integer 0 or greater and not '${limitText}'.`);
    }
    if (limit > 0 && rows.length > limit) {
      rows = rows.slice(0, limit);
      const last = rows[rows.length - 1];
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (k !== 'marker') {
          for (const one of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
            params.append(k, one);
          }
        }
      }
      params.set('marker', last?.id ?? '');
      links = [{ rel: 'next', href: `${selfUrl}?${params.toString()}` }];
    }
  }
  return { items: rows.map((v) => pickFields(v, query)), ...(links ? { links } : {}) };
}

/** `{"<collection>": [...], "<collection>_links": [...]}` for a list request. */
export function listResponse<V extends View>(collection: string, views: V[], query: RawQuery, selfUrl: string): Record<string, unknown> {
  const page = listPage(views, query, selfUrl);
  return { [collection]: page.items, ...(page.links ? { [`${collection}_links`]: page.links } : {}) };
}
