import { IMAGE_STATUSES, MEMBER_STATUSES, VISIBILITIES, type MemberStatus, type Visibility } from './image.model.js';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  SORT_KEYS,
  TIME_OPERATORS,
  emptyFilters,
  type ListFilters,
  type ListSpec,
  type SortDir,
  type SortKeyName,
  type TimeFilter,
  type TimeOperator,
} from './image-list.spec.js';
import { InvalidImageInput } from './images.errors.js';

const bad = (msg: string) => new InvalidImageInput(msg);

/** "in:a,b,\"c,d\"" → ['a', 'b', 'c,d']; any other value → [value]. */
export function splitIn(value: string): string[] {
  if (!value.startsWith('in:')) {
    return [value];
  }
  const out: string[] = [];
  for (const m of value.slice(3).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)) {
    out.push((m[1] ?? m[2] ?? '').replace(/\\"/g, '"'));
  }
  return out;
}

function parseLimit(raw: string | null): number {
  if (raw === null) {
    return DEFAULT_LIMIT;
  }
  if (!/^-?\d+$/.test(raw.trim())) {
    throw bad('limit param must be an integer');
  }
  const n = Number(raw);
  if (n < 0) {
    throw bad('limit param must be positive');
  }
  return Math.min(n, MAX_LIMIT);
}

function sortKey(raw: string): SortKeyName {
  const key = raw.trim();
  if (!(SORT_KEYS as readonly string[]).includes(key)) {
    throw bad(`Invalid sort key: ${key}. It must be one of the following: ${SORT_KEYS.join(', ')}.`);
  }
  return key as SortKeyName;
}

function sortDir(raw: string): SortDir {
  const dir = raw.trim();
  if (dir !== 'asc' && dir !== 'desc') {
    throw bad(`Invalid sort direction: ${dir}`);
  }
  return dir;
}

/** Both of Glance's syntaxes: sort=k1:asc,k2 or repeated sort_key / sort_dir. */
function parseSort(q: URLSearchParams): ListSpec['sort'] {
  const keys = q.getAll('sort_key');
  const dirs = q.getAll('sort_dir');
  const sort = q.get('sort');
  if (sort !== null) {
    if (keys.length > 0 || dirs.length > 0) {
      throw bad('Old and new sorting syntax cannot be combined');
    }
    return sort.split(',').map((part) => {
      const [key = '', dir] = part.split(':');
      return { key: sortKey(key), dir: sortDir(dir ?? 'desc') };
    });
  }
  if (dirs.length > 1 && dirs.length !== keys.length) {
    throw bad('Number of sort dirs does not match the number of sort keys');
  }
  const parsedDirs = dirs.map(sortDir);
  return (keys.length > 0 ? keys : ['created_at']).map((k, i) => ({
    key: sortKey(k),
    dir: parsedDirs[i] ?? parsedDirs[0] ?? 'desc',
  }));
}

function parseBool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(v)) {
    return true;
  }
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(v)) {
    return false;
  }
  throw bad(`Invalid value for ${name}: '${raw}'. It must be a boolean.`);
}

function parseSize(raw: string): number {
  if (!/^\d+$/.test(raw.trim())) {
    throw bad('Unable to filter on a range with a non-numeric value.');
  }
  return Number(raw);
}

/** "gte:2016-04-18T21:38:54Z", or a bare time meaning eq (Glance's split_filter_op). */
export function parseTimeFilter(raw: string): TimeFilter {
  const idx = raw.indexOf(':');
  const bare = Date.parse(raw);
  const isBare = idx === -1 || (Number.isFinite(bare) && /^\d{4}-/.test(raw));
  const op = isBare ? 'eq' : raw.slice(0, idx);
  const value = isBare ? raw : raw.slice(idx + 1);
  if (!(TIME_OPERATORS as readonly string[]).includes(op)) {
    throw bad(`Unable to filter on a unknown operator '${op}'.`);
  }
  const at = Date.parse(value);
  if (!Number.isFinite(at)) {
    throw bad(`Unable to filter by the date '${value}': it is not an ISO 8601 time.`);
  }
  return { op: op as TimeOperator, at };
}

function oneOf<T extends string>(raw: string, allowed: readonly T[], message: string): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw bad(message);
  }
  return raw as T;
}

/** Parameters that are not image properties; every other key filters on a custom property. */
const RESERVED_PARAMS = new Set(['limit', 'marker', 'sort', 'sort_key', 'sort_dir', 'member_status']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Handler = (f: Mutable<ListFilters>, value: string, key: string) => void;

/** How each query parameter narrows the listing; any other key filters on a custom property. */
const PARAMS: Record<string, Handler> = {
  visibility: (f, v) => {
    f.visibility = oneOf<Visibility | 'all'>(v, [...VISIBILITIES, 'all'], `Invalid visibility value: ${v}`);
  },
  id: (f, v) => void (f.ids = splitIn(v)),
  name: (f, v) => void (f.names = splitIn(v)),
  status: (f, v) => void (f.statuses = splitIn(v).map((s) => oneOf(s, IMAGE_STATUSES, `Invalid status value: ${s}`))),
  disk_format: (f, v) => void (f.diskFormats = splitIn(v)),
  container_format: (f, v) => void (f.containerFormats = splitIn(v)),
  owner: (f, v) => void (f.owner = v),
  checksum: (f, v) => void (f.checksum = v),
  os_hash_value: (f, v) => void (f.osHashValue = v),
  size_min: (f, v) => void (f.sizeMin = parseSize(v)),
  size_max: (f, v) => void (f.sizeMax = parseSize(v)),
  protected: (f, v, k) => void (f.isProtected = parseBool(k, v)),
  os_hidden: (f, v, k) => void (f.osHidden = parseBool(k, v)),
  tag: (f, v) => void f.tags.push(v),
  created_at: (f, v) => void f.createdAt.push(parseTimeFilter(v)),
  updated_at: (f, v) => void f.updatedAt.push(parseTimeFilter(v)),
  'changes-since': () => {
    throw bad('The "changes-since" filter is no longer available on v2.');
  },
};

const propertyFilter: Handler = (f, v, k) => void f.properties.push([k, v]);

/** GET /v2/images query string → a validated ListSpec (400 on anything Glance refuses). */
export function parseListQuery(q: URLSearchParams): ListSpec {
  const filters: Mutable<ListFilters> = emptyFilters();
  const ms = q.get('member_status');
  if (ms !== null) {
    filters.memberStatus = oneOf<MemberStatus | 'all'>(ms, [...MEMBER_STATUSES, 'all'], `Invalid status: ${ms}`);
  }
  for (const [key, value] of q) {
    if (!RESERVED_PARAMS.has(key)) {
      (PARAMS[key] ?? propertyFilter)(filters, value, key);
    }
  }
  const marker = q.get('marker');
  return {
    filters,
    sort: parseSort(q),
    limit: parseLimit(q.get('limit')),
    ...(marker !== null ? { marker } : {}),
  };
}
