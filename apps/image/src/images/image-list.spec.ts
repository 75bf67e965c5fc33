import type { MemberStatus, Visibility } from './image.model.js';

/** Glance's sort keys for GET /v2/images. */
export const SORT_KEYS = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'] as const;
export type SortKeyName = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export const TIME_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type TimeOperator = (typeof TIME_OPERATORS)[number];

export interface TimeFilter {
  readonly op: TimeOperator;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** The filters of an image listing, parsed and validated at the edge. */
export interface ListFilters {
  readonly ids?: string[];
  readonly names?: string[];
  readonly statuses?: string[];
  readonly diskFormats?: string[];
  readonly containerFormats?: string[];
  readonly owner?: string;
  readonly checksum?: string;
  readonly osHashValue?: string;
  readonly sizeMin?: number;
  readonly sizeMax?: number;
  readonly isProtected?: boolean;
  /** Hidden images are listed only when asked for (os_hidden=true). */
  readonly osHidden: boolean;
  /** Unset: Glance's default listing (no community images but one's own). */
  readonly visibility?: Visibility | 'all';
  readonly memberStatus: MemberStatus | 'all';
  readonly tags: string[];
  readonly properties: Array<readonly [string, string]>;
  readonly createdAt: TimeFilter[];
  readonly updatedAt: TimeFilter[];
}

export interface ListSpec {
  readonly filters: ListFilters;
  /** Sort keys; created_at and id are appended when missing, so the order is total. */
  readonly sort: Array<{ readonly key: SortKeyName; readonly dir: SortDir }>;
  readonly limit: number;
  readonly marker?: string;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 1000;

export const emptyFilters = (): ListFilters => ({
  osHidden: false,
  memberStatus: 'accepted',
  tags: [],
  properties: [],
  createdAt: [],
  updatedAt: [],
});
