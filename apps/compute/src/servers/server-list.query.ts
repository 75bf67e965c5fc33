import { badRequest, forbidden } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import { pageOf, parseBool, queryValue, queryValues, rejectUnknownParams, type Page, type RawQuery } from '../shared/query.js';
import { parseIsoTime } from '../shared/time.js';
import { statesForStatus } from './server-state.js';

/** Nova's sort keys for servers, mapped onto our columns (instance fields → server columns). */
export const SERVER_SORT_COLUMNS: Readonly<Record<string, string>> = {
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  display_name: 'name',
  uuid: 'id',
  vm_state: 'vmState',
  task_state: 'taskState',
  power_state: 'powerState',
  launched_at: 'launchedAt',
  terminated_at: 'terminatedAt',
  project_id: 'projectId',
  user_id: 'userId',
  hostname: 'hostname',
  key_name: 'keyName',
  image_ref: 'imageId',
  availability_zone: 'availabilityZone',
  launch_index: 'launchIndex',
  progress: 'progress',
  display_description: 'description',
  access_ip_v4: 'accessIpv4',
  access_ip_v6: 'accessIpv6',
  instance_type_id: 'flavorId',
  host: 'host',
  node: 'node',
};
const ADMIN_SORT = new Set(['host', 'node']);

/** Every query parameter Nova's server list schema knows at 2.75 (others are a 400 from then). */
const KNOWN_275 = new Set([
  ...Object.keys(SERVER_SORT_COLUMNS),
  'sort_key', 'sort_dir', 'limit', 'marker', 'all_tenants', 'tenant_id', 'project_id', 'deleted', 'status',
  'changes-since', 'changes-before', 'ip', 'ip6', 'name', 'image', 'flavor', 'reservation_id', 'tags', 'tags-any',
  'not-tags', 'not-tags-any', 'locked', 'locked_by', 'description', 'soft_deleted', 'kernel_id', 'ramdisk_id',
  'root_device_name', 'config_drive', 'auto_disk_config', 'block_device_mapping', 'services', 'metadata',
  'system_metadata', 'info_cache', 'security_groups', 'pci_devices', 'display_name', 'display_description',
  'image_ref', 'created_at', 'uuid',
]);

export interface ServerListParams {
  readonly page: Page;
  readonly sort: ReadonlyArray<{ readonly column: string; readonly dir: 'ASC' | 'DESC' }>;
  /** undefined: the caller's project (admins: all with all_tenants). */
  readonly allProjects: boolean;
  readonly projectId?: string | undefined;
  readonly userId?: string | undefined;
  readonly host?: string | undefined;
  readonly node?: string | undefined;
  /** Admin `deleted=true`: deleted servers only. */
  readonly onlyDeleted: boolean;
  readonly vmStates?: string[] | undefined;
  readonly taskStates?: string[] | undefined;
  /** A status no server can have (before 2.38): an empty list. */
  readonly impossible: boolean;
  readonly changesSince?: number | undefined;
  readonly changesBefore?: number | undefined;
  readonly name?: RegExp | undefined;
  readonly ip?: RegExp | undefined;
  readonly ip6?: RegExp | undefined;
  readonly imageId?: string | undefined;
  readonly flavorId?: string | undefined;
  readonly reservationId?: string | undefined;
  readonly uuid?: string | undefined;
  readonly tags?: string[] | undefined;
  readonly tagsAny?: string[] | undefined;
  readonly notTags?: string[] | undefined;
  readonly notTagsAny?: string[] | undefined;
  readonly locked?: boolean | undefined;
}

const lastSegment = (v: string | undefined): string | undefined => (v === undefined ? undefined : (v.split('/').pop() ?? v));

function regexParam(query: RawQuery, key: string): RegExp | undefined {
  const text = queryValue(query, key);
  if (text === undefined) {
    return undefined;
  }
  try {
    return new RegExp(text);
  } catch {
    throw badRequest(`Invalid regular expression for ${key}: ${text}`);
  }
}

function timeParam(query: RawQuery, key: string): number | undefined {
  const text = queryValue(query, key);
  if (text === undefined) {
    return undefined;
  }
  const ms = parseIsoTime(text);
  if (ms === undefined) {
    throw badRequest(`Invalid filter field: ${key}.`);
  }
  return ms;
}

const csv = (query: RawQuery, key: string): string[] | undefined => {
  const text = queryValue(query, key);
  return text === undefined ? undefined : text.split(',').filter((t) => t.length > 0);
};

function sortOf(query: RawQuery, isAdmin: boolean): ServerListParams['sort'] {
  const keys = queryValues(query, 'sort_key');
  const dirs = queryValues(query, 'sort_dir');
  if (keys.length === 0) {
    const dir = (dirs[0] ?? 'desc').toLowerCase() === 'asc' ? 'ASC' : 'DESC';
    return [{ column: 'createdAt', dir }];
  }
  return keys.map((k, i) => {
    const column = SERVER_SORT_COLUMNS[k];
    if (!column) {
      throw badRequest(`Invalid input for query parameters sort_key. Value: ${k}.`);
    }
    if (ADMIN_SORT.has(k) && !isAdmin) {
      throw forbidden(`Only administrators can sort servers by ${k}`);
    }
    const d = (dirs[i] ?? dirs[0] ?? 'desc').toLowerCase();
    if (d !== 'asc' && d !== 'desc') {
      throw badRequest(`Invalid input for query parameters sort_dir. Value: ${d}.`);
    }
    return { column, dir: d === 'asc' ? 'ASC' : 'DESC' };
  });
}

/** The vm / task states of `status` (an unknown one: no server before 2.38, a 400 after). */
function statusFilter(query: RawQuery, version: ApiVersion): { vmStates?: string[]; taskStates?: string[]; impossible: boolean } {
  const status = queryValue(query, 'status');
  if (status === undefined) {
    return { impossible: false };
  }
  const states = statesForStatus(status);
  if (states) {
    return { ...states, impossible: false };
  }
  if (version.atLeast('2.38')) {
    throw badRequest(`Invalid status value`);
  }
  return { impossible: true };
}

/**
 * GET /servers and /servers/detail query, as Nova reads it: admin-only filters are dropped
 * for others (all_tenants is a 403), an unknown status is an empty list before 2.38 and a
 * 400 after, and from 2.75 unknown parameters are a 400.
 */
export function parseServerListQuery(query: RawQuery, version: ApiVersion, isAdmin: boolean): ServerListParams {
  if (version.atLeast('2.75')) {
    rejectUnknownParams(query, KNOWN_275);
  }
  const allTenantsText = queryValue(query, 'all_tenants');
  const allProjects = allTenantsText !== undefined && (allTenantsText === '' || parseBool(allTenantsText, 'all_tenants'));
  if (allProjects && !isAdmin) {
    throw forbidden("Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed.");
  }
  const { vmStates, taskStates, impossible } = statusFilter(query, version);
  const admin = <T>(v: T): T | undefined => (isAdmin ? v : undefined);
  const lockedText = version.atLeast('2.73') ? queryValue(query, 'locked') : undefined;
  const deletedText = queryValue(query, 'deleted');
  return {
    page: pageOf(query),
    sort: sortOf(query, isAdmin),
    allProjects,
    projectId: admin(queryValue(query, 'project_id') ?? queryValue(query, 'tenant_id')),
    userId: admin(queryValue(query, 'user_id')),
    host: admin(queryValue(query, 'host')),
    node: admin(queryValue(query, 'node')),
    onlyDeleted: isAdmin && deletedText !== undefined && parseBool(deletedText, 'deleted'),
    vmStates: vmStates ?? admin(queryValue(query, 'vm_state')?.split(',')),
    taskStates,
    impossible,
    changesSince: timeParam(query, 'changes-since'),
    changesBefore: version.atLeast('2.66') ? timeParam(query, 'changes-before') : undefined,
    name: regexParam(query, 'name'),
    ip: regexParam(query, 'ip'),
    ip6: isAdmin || version.atLeast('2.5') ? regexParam(query, 'ip6') : undefined,
    imageId: lastSegment(queryValue(query, 'image')),
    flavorId: lastSegment(queryValue(query, 'flavor')),
    reservationId: queryValue(query, 'reservation_id'),
    uuid: admin(queryValue(query, 'uuid')),
    tags: version.atLeast('2.26') ? csv(query, 'tags') : undefined,
    tagsAny: version.atLeast('2.26') ? csv(query, 'tags-any') : undefined,
    notTags: version.atLeast('2.26') ? csv(query, 'not-tags') : undefined,
    notTagsAny: version.atLeast('2.26') ? csv(query, 'not-tags-any') : undefined,
    locked: lockedText === undefined ? undefined : parseBool(lockedText, 'locked'),
  };
}
