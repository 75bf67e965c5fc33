import { badRequest } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import { pageOf, parseBool, queryValue, rejectUnknownParams, type Page, type RawQuery } from '../shared/query.js';
import { FLAVOR_SORT_COLUMNS } from './flavors.repository.js';
import type { FlavorEntity } from './flavor.entity.js';

const KNOWN = new Set(['is_public', 'minRam', 'minDisk', 'sort_key', 'sort_dir', 'limit', 'marker']);

export interface FlavorListParams {
  /** 'default': public (and, for non-admins, shared private); 'all': is_public=None. */
  readonly isPublic: boolean | 'all' | 'default';
  readonly minRam?: number | undefined;
  readonly minDisk?: number | undefined;
  readonly sortKey: keyof FlavorEntity;
  readonly sortDir: 'ASC' | 'DESC';
  readonly page: Page;
}

function minFilter(query: RawQuery, key: 'minRam' | 'minDisk'): number | undefined {
  const text = queryValue(query, key);
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    throw badRequest(`Invalid ${key} filter [${text}]`);
  }
  return Number(text);
}

/** GET /flavors and /flavors/detail query, as Nova reads it (unknown keys refused from 2.75). */
export function parseFlavorListQuery(query: RawQuery, version: ApiVersion): FlavorListParams {
  if (version.atLeast('2.75')) {
    rejectUnknownParams(query, KNOWN);
  }
  const publicText = queryValue(query, 'is_public');
  let isPublic: FlavorListParams['isPublic'] = 'default';
  if (publicText !== undefined) {
    // "None" arrives literally from openstackclient's `flavor list --all`
    isPublic = publicText.toLowerCase() === 'none' ? 'all' : parseBool(publicText, 'is_public');
  }
  const sortKeyText = queryValue(query, 'sort_key') ?? 'flavorid';
  const sortKey = FLAVOR_SORT_COLUMNS[sortKeyText];
  if (!sortKey) {
    throw badRequest(`Invalid input for query parameters sort_key. Value: ${sortKeyText}.`);
  }
  const dir = (queryValue(query, 'sort_dir') ?? 'asc').toLowerCase();
  if (dir !== 'asc' && dir !== 'desc') {
    throw badRequest(`Invalid input for query parameters sort_dir. Value: ${dir}.`);
  }
  return {
    isPublic,
    minRam: minFilter(query, 'minRam'),
    minDisk: minFilter(query, 'minDisk'),
    sortKey,
    sortDir: dir === 'asc' ? 'ASC' : 'DESC',
    page: pageOf(query),
  };
}
