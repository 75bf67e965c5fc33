import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  commonConfig,
  ConfigError,
  defineConfig,
  duration,
  int,
  optionalStr,
  path,
  type Field,
} from '@tinystack/config';
import {
  SERVICES,
  type ServiceDefinition,
  type ServiceName,
  type ServicePorts,
} from './services.js';

/** The project root, found from this file's location (apps/cli/dist/), never from the cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where everything of one cloud lives under its data directory. */
export interface DataPaths {
  readonly dataDir: string;
  readonly runDir: string;
  readonly stateFile: string;
  readonly logsDir: string;
  readonly adminPasswordFile: string;
  readonly servicePasswordFile: string;
  readonly openrcFile: string;
}

export interface CliConfig {
  readonly root: string;
  readonly paths: DataPaths;
  readonly bindHost: string;
  /** Host clients use to reach the services (127.0.0.1 when bound to every address). */
  readonly host: string;
  readonly logLevel: string;
  readonly adminPassword: string | undefined;
  readonly servicePassword: string | undefined;
  readonly ports: Readonly<Record<ServiceName, ServicePorts>>;
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  /** TINYSTACK_SERVICES: start only these (and what they depend on); undefined = all built. */
  readonly only: readonly ServiceName[] | undefined;
}

export function dataPaths(dataDir: string): DataPaths {
  const runDir = join(dataDir, 'run');
  return {
    dataDir,
    runDir,
    stateFile: join(runDir, 'cloud.json'),
    logsDir: join(dataDir, 'logs'),
    adminPasswordFile: join(dataDir, 'admin-password'),
    servicePasswordFile: join(dataDir, 'service-password'),
    openrcFile: join(dataDir, 'openrc'),
  };
}

export function logFileOf(paths: DataPaths, svc: ServiceName): string {
  return join(paths.logsDir, `${svc}.log`);
}

const portField = (spec: { env: string; default: number }, what: string): Field<number> =>
  int({
    help: `${what} port (default ${spec.default})`,
    default: spec.default,
    min: 1,
    max: 65535,
  });

function portFields(registry: readonly ServiceDefinition[]): Record<string, Field<number>> {
  const fields: Record<string, Field<number>> = {};
  for (const def of registry) {
    if (def.http) {
      fields[def.http.env] = portField(def.http, `${def.name} HTTP`);
    }
    if (def.grpc) {
      fields[def.grpc.env] = portField(def.grpc, `${def.name} gRPC`);
    }
  }
  return fields;
}

function servicesField(registry: readonly ServiceDefinition[]): Field<ServiceName[] | undefined> {
  const known = registry.map((d) => d.name);
  return {
    help: 'Comma-separated services for `up` to start, with their dependencies (default: every built one)',
    parse(raw) {
      if (raw === undefined) {
        return undefined;
      }
      const names = raw
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(known as string[]).includes(n));
      if (unknown.length > 0 || names.length === 0) {
        throw new Error(`must list services among ${known.join(', ')}`);
      }
      return names as ServiceName[];
    },
  };
}

function cliSpec(root: string, registry: readonly ServiceDefinition[]) {
  return {
    ...commonConfig,
    TINYSTACK_DATA_DIR: path({
      help: 'Data directory (default <project>/.tinystack; relative paths are from the cwd)',
      default: join(root, '.tinystack'),
    }),
    TINYSTACK_ADMIN_PASSWORD: optionalStr({
      help: 'Admin password; unset = generated once into <data dir>/admin-password',
      sensitive: true,
    }),
    TINYSTACK_SERVICE_PASSWORD: optionalStr({
      help: 'Service users password; unset = generated once into <data dir>/service-password',
      sensitive: true,
    }),
    TINYSTACK_START_TIMEOUT: duration({
      help: 'How long each service may take to become healthy (default 120s)',
      default: 120_000,
    }),
    TINYSTACK_SERVICES: servicesField(registry),
    TINYSTACK_STOP_TIMEOUT: duration({
      help: 'How long each service may take to stop before SIGKILL (default 10s)',
      default: 10_000,
    }),
    ...portFields(registry),
  };
}

/** A description of every variable the CLI reads, for `tinystack help`. */
export function describeCliEnv(root = PROJECT_ROOT): string {
  return defineConfig(cliSpec(root, SERVICES)).describe();
}

/** `host` for URLs: the bind address, or 127.0.0.1 when bound to every address. */
export function clientHost(bindHost: string): string {
  if (bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '') {
    return '127.0.0.1';
  }
  return bindHost.includes(':') ? `[${bindHost}]` : bindHost;
}

function portsOf(
  registry: readonly ServiceDefinition[],
  values: Readonly<Record<string, unknown>>,
): Record<ServiceName, ServicePorts> {
  const ports = {} as Record<ServiceName, ServicePorts>;
  const seen = new Map<number, string>();
  const clashes: string[] = [];
  for (const def of registry) {
    const http = def.http ? (values[def.http.env] as number) : undefined;
    const grpc = def.grpc ? (values[def.grpc.env] as number) : undefined;
    ports[def.name] = { http, grpc };
    for (const [spec, port] of [
      [def.http, http],
      [def.grpc, grpc],
    ] as const) {
      if (spec && port !== undefined) {
        const other = seen.get(port);
        if (other) {
          clashes.push(`${spec.env} and ${other} are both ${port}`);
        }
        seen.set(port, spec.env);
      }
    }
  }
  if (clashes.length > 0) {
    throw new ConfigError(clashes);
  }
  return ports;
}

/**
 * Reads and validates the CLI's configuration from `env` (once, in main). Throws a
 * ConfigError listing every problem.
 */
export function loadCliConfig(
  env: Readonly<Record<string, string | undefined>>,
  root = PROJECT_ROOT,
  registry: readonly ServiceDefinition[] = SERVICES,
): CliConfig {
  const cfg = defineConfig(cliSpec(root, registry)).load(env);
  const values = cfg as unknown as Readonly<Record<string, unknown>>;
  return Object.freeze({
    root,
    paths: dataPaths(cfg.TINYSTACK_DATA_DIR),
    bindHost: cfg.TINYSTACK_BIND_HOST,
    host: clientHost(cfg.TINYSTACK_BIND_HOST),
    logLevel: cfg.TINYSTACK_LOG_LEVEL,
    adminPassword: cfg.TINYSTACK_ADMIN_PASSWORD,
    servicePassword: cfg.TINYSTACK_SERVICE_PASSWORD,
    ports: portsOf(registry, values),
    startTimeoutMs: cfg.TINYSTACK_START_TIMEOUT,
    stopTimeoutMs: cfg.TINYSTACK_STOP_TIMEOUT,
    only: cfg.TINYSTACK_SERVICES,
  });
}
