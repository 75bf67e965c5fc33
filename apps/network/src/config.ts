import {
  commonConfig,
  defineConfig,
  identityClientConfig,
  int,
  optionalStr,
  optionalUrl,
  port,
  str,
  type ConfigOf,
} from '@tinystack/config';

/** A default quota: a non-negative integer, or -1 for unlimited (Neutron's convention). */
const quota = (help: string, def: number) => int({ help, default: def, min: -1 });

/** Every variable the network service reads (apps/network/README.md). */
export const networkConfigSpec = {
  ...commonConfig,
  ...identityClientConfig,
  NETWORK_HTTP_PORT: port({ help: 'Port of the Neutron v2.0 REST API', default: 9696 }),
  NETWORK_GRPC_PORT: port({ help: 'Port of the network gRPC server (compute, dashboard)', default: 50056 }),
  NETWORK_DATABASE_URL: optionalStr({ help: 'PostgreSQL URL; unset = SQLite under the data directory', sensitive: true }),
  NETWORK_PUBLIC_URL: optionalUrl({
    help: 'Public base URL of this API (links); default http://127.0.0.1:<port>',
    protocols: ['http', 'https'],
  }),
  NETWORK_MTU: int({ help: 'MTU of tenant networks', default: 1500, min: 576, max: 9000 }),
  NETWORK_EXTERNAL_NAME: str({ help: 'Name of the default external network (floating IPs), created at start', default: 'public' }),
  NETWORK_EXTERNAL_CIDR: str({
    help: "CIDR of the default external network's subnet: floating IPs come from it (a loopback range, reached from the host)",
    default: '127.42.0.0/24',
  }),
  NETWORK_AUTO_ALLOCATE_CIDR: str({
    help: 'CIDR of the private subnet get-me-a-network creates for a project (networks: "auto")',
    default: '10.0.0.0/24',
  }),
  NETWORK_QUOTA_NETWORK: quota('Default networks per project', 100),
  NETWORK_QUOTA_SUBNET: quota('Default subnets per project', 100),
  NETWORK_QUOTA_PORT: quota('Default ports per project', 500),
  NETWORK_QUOTA_ROUTER: quota('Default routers per project', 10),
  NETWORK_QUOTA_FLOATINGIP: quota('Default floating IPs per project', 50),
  NETWORK_QUOTA_SECURITY_GROUP: quota('Default security groups per project', 10),
  NETWORK_QUOTA_SECURITY_GROUP_RULE: quota('Default security group rules per project', 100),
};

export const networkConfig = defineConfig(networkConfigSpec);

export type NetworkConfig = ConfigOf<typeof networkConfigSpec>;

/** Nest injection token of the frozen {@link NetworkConfig}. */
export const NETWORK_CONFIG = Symbol('NETWORK_CONFIG');

/** Public base URL without a trailing slash. */
export function publicUrlOf(cfg: NetworkConfig): string {
  const base = cfg.NETWORK_PUBLIC_URL ?? `http://127.0.0.1:${cfg.NETWORK_HTTP_PORT}`;
  return base.replace(/\/+$/, '');
}
