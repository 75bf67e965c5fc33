/**
 * The registry of tinystack services: the one place a new service joins `tinystack up`.
 *
 * Each entry says where the service's entry file is, which ports it listens on (the
 * environment variable that overrides each one, and its default), which services must be
 * healthy before it starts, and the environment it needs beyond the common variables
 * every service gets (see {@link serviceEnv}). `up` starts only the services whose entry
 * file exists, so entries for services not written yet are harmless.
 */

export type ServiceName =
  'identity' | 'object-store' | 'image' | 'network' | 'compute' | 'compute-agent' | 'dashboard';

/** A port a service listens on: the variable that sets it and its default. */
export interface PortSpec {
  readonly env: string;
  readonly default: number;
}

/** The ports one service was given (a service without an HTTP or gRPC server has none). */
export interface ServicePorts {
  readonly http?: number;
  readonly grpc?: number;
}

/** Everything an env builder may use; built once by `up` from the CLI configuration. */
export interface EnvContext {
  /** Host the services are reached on (127.0.0.1 unless bound to one specific address). */
  readonly host: string;
  readonly bindHost: string;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly adminPassword: string;
  readonly servicePassword: string;
  /** The ports of every registered service, started or not (catalog URLs need them). */
  readonly ports: Readonly<Record<ServiceName, ServicePorts>>;
  /** The services this `up` starts. */
  readonly started: ReadonlySet<ServiceName>;
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  /** Entry file, relative to the project root. */
  readonly entry: string;
  readonly http?: PortSpec;
  readonly grpc?: PortSpec;
  /** Services that must be healthy before this one starts. */
  readonly dependsOn: readonly ServiceName[];
  /** Path of the public API under the HTTP port (shown by `up`), e.g. `/v3`. */
  readonly apiPath?: string;
  /** Variables this service needs beyond {@link serviceEnv}'s common ones. */
  env(ctx: EnvContext): Record<string, string>;
  /** Flags for node itself, e.g. heap sizes that keep a streaming service's memory flat. */
  readonly nodeFlags?: readonly string[];
  /**
   * Entry file (relative to the project root) that removes what the service made outside
   * the data directory, run by `reset` with the service's own environment while it is stopped.
   */
  readonly purge?: string;
}

/** `http://<host>:<http port of svc><path>` */
export function httpUrl(ctx: EnvContext, svc: ServiceName, path = ''): string {
  return `http://${ctx.host}:${requirePort(ctx, svc, 'http')}${path}`;
}

/** `<host>:<grpc port of svc>`, the form the `*_GRPC_URL` variables take. */
export function grpcTarget(ctx: EnvContext, svc: ServiceName): string {
  return `${ctx.host}:${requirePort(ctx, svc, 'grpc')}`;
}

function requirePort(ctx: EnvContext, svc: ServiceName, kind: 'http' | 'grpc'): number {
  const port = ctx.ports[svc][kind];
  if (port === undefined) {
    throw new Error(`service ${svc} has no ${kind} port`);
  }
  return port;
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    name: 'identity',
    entry: 'apps/identity/dist/main.js',
    http: { env: 'IDENTITY_HTTP_PORT', default: 5000 },
    grpc: { env: 'IDENTITY_GRPC_PORT', default: 50051 },
    dependsOn: [],
    apiPath: '/v3',
    env: (ctx) => ({
      TINYSTACK_ADMIN_PASSWORD: ctx.adminPassword,
      IDENTITY_PUBLIC_URL: httpUrl(ctx, 'identity'),
      CATALOG_IMAGE_URL: httpUrl(ctx, 'image'),
      CATALOG_OBJECT_STORE_URL: httpUrl(ctx, 'object-store', '/v1/AUTH_$(project_id)s'),
      CATALOG_COMPUTE_URL: httpUrl(ctx, 'compute', '/v2.1'),
      // identity lists network in the catalog only when it is given a URL
      ...(ctx.started.has('network') ? { CATALOG_NETWORK_URL: httpUrl(ctx, 'network') } : {}),
    }),
  },
  {
    name: 'object-store',
    entry: 'apps/object-store/dist/main.js',
    http: { env: 'OBJECT_STORE_HTTP_PORT', default: 8080 },
    grpc: { env: 'OBJECT_STORE_GRPC_PORT', default: 50053 },
    dependsOn: ['identity'],
    apiPath: '/v1',
    // More threads than libuv's 4: each durable PUT holds one for its fsync.
    env: () => ({ UV_THREADPOOL_SIZE: '16' }),
    // A young generation big enough for request garbage, an old one bounded but given room
    // to grow between full GCs (apps/object-store/README.md says why each).
    nodeFlags: ['--max-semi-space-size=8', '--max-old-space-size=128', '--heap-growing-percent=100'],
  },
  {
    name: 'image',
    entry: 'apps/image/dist/main.js',
    http: { env: 'IMAGE_HTTP_PORT', default: 9292 },
    grpc: { env: 'IMAGE_GRPC_PORT', default: 50052 },
    dependsOn: ['identity', 'object-store'],
    apiPath: '/v2',
    env: (ctx) => ({
      IMAGE_PUBLIC_URL: httpUrl(ctx, 'image'),
      OBJECT_STORE_GRPC_URL: grpcTarget(ctx, 'object-store'),
    }),
  },
  {
    name: 'network',
    entry: 'apps/network/dist/main.js',
    http: { env: 'NETWORK_HTTP_PORT', default: 9696 },
    grpc: { env: 'NETWORK_GRPC_PORT', default: 50056 },
    dependsOn: ['identity'],
    apiPath: '/v2.0',
    env: (ctx) => ({ NETWORK_PUBLIC_URL: httpUrl(ctx, 'network') }),
  },
  {
    name: 'compute',
    entry: 'apps/compute/dist/main.js',
    http: { env: 'COMPUTE_HTTP_PORT', default: 8774 },
    grpc: { env: 'COMPUTE_GRPC_PORT', default: 50054 },
    dependsOn: ['identity', 'image'],
    apiPath: '/v2.1',
    env: (ctx) => ({
      COMPUTE_PUBLIC_URL: httpUrl(ctx, 'compute'),
      IMAGE_GRPC_URL: grpcTarget(ctx, 'image'),
      IMAGE_PUBLIC_URL: httpUrl(ctx, 'image'),
      // servers get their ports and addresses from the network service when it runs
      ...(ctx.started.has('network') ? { NETWORK_GRPC_URL: grpcTarget(ctx, 'network') } : {}),
    }),
  },
  {
    name: 'compute-agent',
    entry: 'apps/compute-agent/dist/main.js',
    // its libvirt guests and host networking (namespaces, iptables chains, ip rules, bridges)
    purge: 'apps/compute-agent/dist/purge.js',
    // the HTTP port serves only GET /healthz
    http: { env: 'COMPUTE_AGENT_HTTP_PORT', default: 8775 },
    grpc: { env: 'COMPUTE_AGENT_GRPC_PORT', default: 50055 },
    dependsOn: ['compute'],
    env: (ctx) => ({
      COMPUTE_GRPC_URL: grpcTarget(ctx, 'compute'),
      IMAGE_GRPC_URL: grpcTarget(ctx, 'image'),
      // the host's bridges, routers, security groups and floating IPs follow the network service
      ...(ctx.started.has('network') ? { NETWORK_GRPC_URL: grpcTarget(ctx, 'network') } : {}),
    }),
  },
  {
    name: 'dashboard',
    entry: 'apps/dashboard/dist/main.js',
    http: { env: 'DASHBOARD_HTTP_PORT', default: 3000 },
    dependsOn: ['identity', 'image', 'object-store', 'compute'],
    env: (ctx) => ({
      IMAGE_GRPC_URL: grpcTarget(ctx, 'image'),
      OBJECT_STORE_GRPC_URL: grpcTarget(ctx, 'object-store'),
      OBJECT_STORE_PUBLIC_URL: httpUrl(ctx, 'object-store'),
      COMPUTE_GRPC_URL: grpcTarget(ctx, 'compute'),
      // the network pages and the launch dialog's network choice, when the service runs
      ...(ctx.started.has('network') ? { NETWORK_GRPC_URL: grpcTarget(ctx, 'network') } : {}),
    }),
  },
];

/**
 * The complete environment of one service, without the inherited process environment:
 * the common variables, its own port variables, IDENTITY_GRPC_URL for everything but
 * identity, and the entry's own variables (which win).
 */
export function serviceEnv(def: ServiceDefinition, ctx: EnvContext): Record<string, string> {
  const own = ctx.ports[def.name];
  return {
    TINYSTACK_BIND_HOST: ctx.bindHost,
    TINYSTACK_DATA_DIR: ctx.dataDir,
    TINYSTACK_LOG_LEVEL: ctx.logLevel,
    TINYSTACK_SERVICE_PASSWORD: ctx.servicePassword,
    ...(def.http && own.http !== undefined ? { [def.http.env]: String(own.http) } : {}),
    ...(def.grpc && own.grpc !== undefined ? { [def.grpc.env]: String(own.grpc) } : {}),
    ...(def.name === 'identity' ? {} : { IDENTITY_GRPC_URL: grpcTarget(ctx, 'identity') }),
    ...def.env(ctx),
  };
}
