import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ImageEntity } from './image.entity.js';
import type { ListFilters, ListSpec, SortDir, SortKeyName, TimeFilter } from './image-list.spec.js';

/** Who is listing: Glance's visibility rules depend on the project and the admin role. */
export interface Viewer {
  readonly projectId: string | undefined;
  readonly isAdmin: boolean;
}

type Qb = SelectQueryBuilder<ImageEntity>;

/** Nullable sort columns compare through a default, so NULLs sort the same on both dialects. */
const SORT_EXPR: Record<SortKeyName, string> = {
  name: "COALESCE(i.name, '')",
  status: 'i.status',
  container_format: "COALESCE(i.container_format, '')",
  disk_format: "COALESCE(i.disk_format, '')",
  size: 'COALESCE(i.size, -1)',
  id: 'i.id',
  created_at: 'i.created_at',
  updated_at: 'i.updated_at',
};

const SORT_VALUE: Record<SortKeyName, (e: ImageEntity) => string | number> = {
  name: (e) => e.name ?? '',
  status: (e) => e.status,
  container_format: (e) => e.containerFormat ?? '',
  disk_format: (e) => e.diskFormat ?? '',
  size: (e) => e.size ?? -1,
  id: (e) => e.id,
  created_at: (e) => e.createdAt,
  updated_at: (e) => e.updatedAt,
};

const TIME_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', neq: '<>' } as const;

/** Unique parameter names within one query. */
type Names = (prefix: string) => string;
function namer(): Names {
  let seq = 0;
  return (prefix) => `${prefix}${++seq}`;
}

/** The images the viewer may see at all (Glance's _select_images_query). */
function applyVisibility(qb: Qb, viewer: Viewer, f: ListFilters): void {
  if (!viewer.isAdmin) {
    const member = viewer.projectId
      ? `(i.visibility = 'shared' AND EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = i.id AND m.member = :viewer` +
        (f.memberStatus === 'all' ? '))' : ' AND m.status = :memberStatus))')
      : '1 = 0';
    const owned = viewer.projectId ? 'i.owner = :viewer' : '1 = 0';
    qb.andWhere(`(i.visibility IN ('public', 'community') OR ${owned} OR ${member})`, {
      viewer: viewer.projectId,
      memberStatus: f.memberStatus,
    });
  }
  if (f.visibility === undefined) {
    qb.andWhere(viewer.projectId ? "(i.visibility <> 'community' OR i.owner = :viewer)" : "i.visibility <> 'community'", {
      viewer: viewer.projectId,
    });
  } else if (f.visibility !== 'all') {
    qb.andWhere('i.visibility = :visibility', { visibility: f.visibility });
  }
}

function applyIn(qb: Qb, param: Names, column: string, values: string[] | undefined): void {
  if (values !== undefined) {
    const p = param('in');
    qb.andWhere(`${column} IN (:...${p})`, { [p]: values });
  }
}

function applyEq(qb: Qb, param: Names, column: string, value: string | number | boolean | undefined, op = '='): void {
  if (value !== undefined) {
    const p = param('eq');
    qb.andWhere(`${column} ${op} :${p}`, { [p]: value });
  }
}

function applyTimes(qb: Qb, param: Names, column: string, filters: TimeFilter[]): void {
  for (const t of filters) {
    applyEq(qb, param, column, t.at, TIME_SQL[t.op]);
  }
}

function applyFilters(qb: Qb, param: Names, f: ListFilters, isSqlite: boolean): void {
  applyIn(qb, param, 'i.id', f.ids);
  applyIn(qb, param, 'i.name', f.names);
  applyIn(qb, param, 'i.status', f.statuses);
  applyIn(qb, param, 'i.disk_format', f.diskFormats);
  applyIn(qb, param, 'i.container_format', f.containerFormats);
  applyEq(qb, param, 'i.owner', f.owner);
  applyEq(qb, param, 'i.checksum', f.checksum);
  applyEq(qb, param, 'i.os_hash_value', f.osHashValue);
  applyEq(qb, param, 'i.size', f.sizeMin, '>=');
  applyEq(qb, param, 'i.size', f.sizeMax, '<=');
  const bool = (b: boolean) => (isSqlite ? (b ? 1 : 0) : b);
  if (f.isProtected !== undefined) {
    applyEq(qb, param, 'i.protected', bool(f.isProtected));
  }
  applyEq(qb, param, 'i.os_hidden', bool(f.osHidden));
  applyTimes(qb, param, 'i.created_at', f.createdAt);
  applyTimes(qb, param, 'i.updated_at', f.updatedAt);
  for (const tag of f.tags) {
    const p = param('tag');
    qb.andWhere(`EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.value = :${p})`, { [p]: tag });
  }
  for (const [name, value] of f.properties) {
    const n = param('pn');
    const v = param('pv');
    qb.andWhere(
      `EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.name = :${n} AND p.value = :${v})`,
      { [n]: name, [v]: value },
    );
  }
}

/** Keyset paging: rows strictly after the marker in the sort order. */
function applyMarker(qb: Qb, param: Names, sort: Array<{ key: SortKeyName; dir: SortDir }>, marker: ImageEntity): void {
  const params: Record<string, string | number> = {};
  const ors = sort.map((s, i) => {
    const ands = sort.slice(0, i).map((prev) => {
      const p = param('mk');
      params[p] = SORT_VALUE[prev.key](marker);
      return `${SORT_EXPR[prev.key]} = :${p}`;
    });
    const p = param('mk');
    params[p] = SORT_VALUE[s.key](marker);
    ands.push(`${SORT_EXPR[s.key]} ${s.dir === 'asc' ? '>' : '<'} :${p}`);
    return `(${ands.join(' AND ')})`;
  });
  qb.andWhere(`(${ors.join(' OR ')})`, params);
}

/** Sort keys made total: created_at then id appended (in the last key's direction), as Glance does. */
export function totalOrder(sort: ListSpec['sort']): Array<{ key: SortKeyName; dir: SortDir }> {
  const out = [...sort];
  const dir = out.at(-1)?.dir ?? 'desc';
  for (const key of ['created_at', 'id'] as const) {
    if (!out.some((s) => s.key === key)) {
      out.push({ key, dir });
    }
  }
  return out;
}

/** The SELECT of one page: at most `limit + 1` rows, so the caller knows whether more follow. */
export function listQuery(ds: DataSource, viewer: Viewer, spec: ListSpec, marker: ImageEntity | undefined): Qb {
  const qb = ds.getRepository(ImageEntity).createQueryBuilder('i');
  const isSqlite = ds.options.type !== 'postgres';
  const param = namer();
  applyVisibility(qb, viewer, spec.filters);
  applyFilters(qb, param, spec.filters, isSqlite);
  const sort = totalOrder(spec.sort);
  if (marker) {
    applyMarker(qb, param, sort, marker);
  }
  sort.forEach((s, i) => {
    const dir = s.dir === 'asc' ? 'ASC' : 'DESC';
    if (i === 0) {
      qb.orderBy(SORT_EXPR[s.key], dir);
    } else {
      qb.addOrderBy(SORT_EXPR[s.key], dir);
    }
  });
  return qb.limit(spec.limit + 1);
}
