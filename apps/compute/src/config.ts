import {
  commonConfig,
  defineConfig,
  duration,
  hostPort,
  identityClientConfig,
  int,
  optionalStr,
  optionalUrl,
  port,
  str,
  type ConfigOf,
  type Field,
} from '@tinystack/config';

/** A positive decimal (allocation ratios). */
const ratio = (opts: { help: string; default: number }): Field<number> => ({
  help: opts.help,
  parse(raw) {
    if (raw === undefined) {
      return opts.default;
    }
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0)) {
      throw new Error('is not a positive number');
    }
    return n;
  },
});

/** A default quota: a non-negative integer, or -1 for unlimited (Nova's convention). */
const quota = (help: string, def: number) => int({ help, default: def, min: -1 });

/** Every variable the compute service reads (docs/conventions.md, apps/compute/README.md). */
export const computeConfigSpec = {
  ...commonConfig,
  ...identityClientConfig,
  COMPUTE_HTTP_PORT: port({ help: 'Port of the Nova v2.1 REST API', default: 8774 }),
  COMPUTE_GRPC_PORT: port({ help: 'Port of the compute gRPC server (agents, dashboard)', default: 50054 }),
  COMPUTE_DATABASE_URL: optionalStr({ help: 'PostgreSQL URL; unset = SQLite under the data directory', sensitive: true }),
  COMPUTE_PUBLIC_URL: optionalUrl({
    help: 'Public base URL of this API, without /v2.1 (links); default http://127.0.0.1:<port>',
    protocols: ['http', 'https'],
  }),
  IMAGE_GRPC_URL: hostPort({ help: 'host:port of the image gRPC server', default: '127.0.0.1:50052' }),
  NETWORK_GRPC_URL: optionalStr({
    help: 'host:port of the network gRPC server; unset = no network service (guests use the agent\'s default network)',
  }),
  IMAGE_PUBLIC_URL: str({ help: 'Public base URL of the image API (createImage Location links)', default: 'http://127.0.0.1:9292' }),
  COMPUTE_AGENT_DOWN_AFTER: duration({ help: 'An agent without a heartbeat for this long is down', default: 60_000 }),
  COMPUTE_HEARTBEAT_INTERVAL: duration({ help: 'How often agents are asked to heartbeat', default: 10_000 }),
  COMPUTE_AGENT_CALL_TIMEOUT: duration({ help: 'Deadline of quick calls on an agent (power actions)', default: 120_000 }),
  COMPUTE_BUILD_TIMEOUT: duration({ help: 'Deadline of a guest build or snapshot on an agent', default: 900_000 }),
  COMPUTE_SCHEDULER_MAX_ATTEMPTS: int({ help: 'Hosts tried for one build before it fails', default: 3, min: 1 }),
  COMPUTE_CPU_ALLOCATION_RATIO: ratio({ help: 'Virtual CPUs per physical CPU the scheduler allows', default: 16 }),
  COMPUTE_RAM_ALLOCATION_RATIO: ratio({ help: 'Guest RAM per host RAM the scheduler allows', default: 1.5 }),
  COMPUTE_DISK_ALLOCATION_RATIO: ratio({ help: 'Guest disk per host disk the scheduler allows', default: 1.0 }),
  COMPUTE_QUOTA_INSTANCES: quota('Default quota: servers per project (-1 unlimited)', 10),
  COMPUTE_QUOTA_CORES: quota('Default quota: vCPUs per project (-1 unlimited)', 20),
  COMPUTE_QUOTA_RAM: quota('Default quota: MiB of RAM per project (-1 unlimited)', 51200),
  COMPUTE_QUOTA_KEY_PAIRS: quota('Default quota: key pairs per user (-1 unlimited)', 100),
  COMPUTE_QUOTA_METADATA_ITEMS: quota('Default quota: metadata items per server (-1 unlimited)', 128),
};

export const computeConfig = defineConfig(computeConfigSpec);

export type ComputeConfig = ConfigOf<typeof computeConfigSpec>;

/** Nest injection token of the frozen {@link ComputeConfig}. */
export const COMPUTE_CONFIG = Symbol('COMPUTE_CONFIG');

/** Public base URL without a trailing slash and without /v2.1. */
export function publicUrlOf(cfg: ComputeConfig): string {
  const base = cfg.COMPUTE_PUBLIC_URL ?? `http://127.0.0.1:${cfg.COMPUTE_HTTP_PORT}`;
  return base.replace(/\/+$/, '').replace(/\/v2(\.1)?$/, '');
}
