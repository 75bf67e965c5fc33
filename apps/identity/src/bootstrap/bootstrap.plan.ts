import type { IdentityConfig } from '../config.js';
import { publicUrlOf } from '../config.js';

export const DEFAULT_DOMAIN = { id: 'default', name: 'Default' } as const;
export const DEFAULT_ROLES = ['admin', 'member', 'reader'] as const;
export const ADMIN_PROJECT = 'admin';
export const SERVICE_PROJECT = 'service';
export const REGION = 'RegionOne';
/** One service user per service, in project `service` with the admin role (as devstack does). */
export const SERVICE_USERS = ['image', 'object-store', 'compute', 'network'] as const;
/**
 * Service users are exempt from the failed-login lockout (Keystone's documented use of
 * ignore_lockout_failure_attempts): anyone could otherwise lock the cloud's own services out
 * by guessing their passwords. Their passwords are long random values in deployments.
 */
export const SERVICE_USER_OPTIONS = { ignore_lockout_failure_attempts: true } as const;

export interface CatalogPlanEntry {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly url: string;
}

/** The catalog bootstrap creates: public and internal endpoints of each service in RegionOne. */
export function catalogPlan(cfg: IdentityConfig): CatalogPlanEntry[] {
  const entries: CatalogPlanEntry[] = [
    {
      type: 'identity',
      name: 'keystone',
      description: 'tinystack identity',
      url: `${publicUrlOf(cfg)}/v3`,
    },
    { type: 'image', name: 'glance', description: 'tinystack image', url: cfg.CATALOG_IMAGE_URL },
    {
      type: 'object-store',
      name: 'swift',
      description: 'tinystack object-store',
      url: cfg.CATALOG_OBJECT_STORE_URL,
    },
    {
      type: 'compute',
      name: 'nova',
      description: 'tinystack compute',
      url: cfg.CATALOG_COMPUTE_URL,
    },
  ];
  if (cfg.CATALOG_NETWORK_URL) {
    entries.push({
      type: 'network',
      name: 'neutron',
      description: 'tinystack network',
      url: cfg.CATALOG_NETWORK_URL,
    });
  }
  return entries;
}
