import type { ComputeConfig } from '../config.js';
import type { ApiVersion } from '../http/api-version.js';

/** Every quota resource Nova's os-quota-sets shows at 2.1, in Nova's order. */
export const QUOTA_RESOURCES = [
  'instances',
  'cores',
  'ram',
  'floating_ips',
  'fixed_ips',
  'metadata_items',
  'injected_files',
  'injected_file_content_bytes',
  'injected_file_path_bytes',
  'key_pairs',
  'security_groups',
  'security_group_rules',
  'server_groups',
  'server_group_members',
] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

/** Removed from quota sets at 2.36 (network proxies) and 2.57 (personality). */
const NETWORK = new Set<QuotaResource>(['floating_ips', 'fixed_ips', 'security_groups', 'security_group_rules']);
const INJECTED = new Set<QuotaResource>(['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes']);

/** The resources os-quota-sets shows (and accepts) at `version`. */
export function quotaResourcesAt(version: ApiVersion): QuotaResource[] {
  return QUOTA_RESOURCES.filter(
    (r) => !(version.atLeast('2.36') && NETWORK.has(r)) && !(version.atLeast('2.57') && INJECTED.has(r)),
  );
}

/** Defaults: Nova's, with the enforced ones from configuration. */
export function defaultQuotas(cfg: ComputeConfig): Record<QuotaResource, number> {
  return {
    instances: cfg.COMPUTE_QUOTA_INSTANCES,
    cores: cfg.COMPUTE_QUOTA_CORES,
    ram: cfg.COMPUTE_QUOTA_RAM,
    floating_ips: 10,
    fixed_ips: -1,
    metadata_items: cfg.COMPUTE_QUOTA_METADATA_ITEMS,
    injected_files: 5,
    injected_file_content_bytes: 10240,
    injected_file_path_bytes: 255,
    key_pairs: cfg.COMPUTE_QUOTA_KEY_PAIRS,
    security_groups: 10,
    security_group_rules: 20,
    server_groups: 10,
    server_group_members: 10,
  };
}

export type Usage = Readonly<{ instances: number; cores: number; ram: number }>;

export interface Request {
  readonly vcpus: number;
  readonly ram: number;
}

/**
 * How many servers of `req` fit in the project's headroom (Nova's quota count check):
 * `maxCount` when all fit, fewer when only some do. Returns the resource that limits it.
 */
export function fittingCount(
  limits: Readonly<Record<'instances' | 'cores' | 'ram', number>>,
  usage: Usage,
  req: Request,
  maxCount: number,
): { count: number; limitedBy?: 'instances' | 'cores' | 'ram' } {
  let count = maxCount;
  let limitedBy: 'instances' | 'cores' | 'ram' | undefined;
  const per: Record<'instances' | 'cores' | 'ram', number> = { instances: 1, cores: req.vcpus, ram: req.ram };
  for (const r of ['instances', 'cores', 'ram'] as const) {
    const limit = limits[r];
    if (limit < 0 || per[r] === 0) {
      continue;
    }
    const fits = Math.max(0, Math.floor((limit - usage[r]) / per[r]));
    if (fits < count) {
      count = fits;
      limitedBy = r;
    }
  }
  return limitedBy ? { count, limitedBy } : { count };
}
