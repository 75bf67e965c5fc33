import { logFileOf, type CliConfig } from './cli.config.js';
import type { ServiceState } from './cloud-state.store.js';
import type { SupervisedSpec } from './cloud.supervisor.js';
import {
  httpUrl,
  serviceEnv,
  type EnvContext,
  type ServiceDefinition,
  type ServiceName,
} from './services.js';

/** The EnvContext of one `up`, from its configuration, passwords and start plan. */
export function envContext(
  cfg: CliConfig,
  passwords: { admin: string; service: string },
  started: readonly ServiceDefinition[],
): EnvContext {
  return {
    host: cfg.host,
    bindHost: cfg.bindHost,
    dataDir: cfg.paths.dataDir,
    logLevel: cfg.logLevel,
    adminPassword: passwords.admin,
    servicePassword: passwords.service,
    ports: cfg.ports,
    started: new Set<ServiceName>(started.map((d) => d.name)),
  };
}

/**
 * What the supervisor runs for each planned service: the inherited environment (PATH,
 * NODE_OPTIONS, <SVC>_DATABASE_URL, ...) overlaid with the service's own variables.
 */
export function supervisedSpecs(
  order: readonly ServiceDefinition[],
  ctx: EnvContext,
  cfg: CliConfig,
  inherited: NodeJS.ProcessEnv,
): SupervisedSpec[] {
  return order.map((def) => {
    const ports = ctx.ports[def.name];
    return {
      name: def.name,
      entry: def.entry,
      nodeFlags: def.nodeFlags ?? [],
      env: { ...inherited, ...serviceEnv(def, ctx) },
      logFile: logFileOf(cfg.paths, def.name),
      health: {
        healthUrl: ports.http !== undefined ? httpUrl(ctx, def.name, '/healthz') : null,
        host: ctx.host,
        tcpPort: ports.grpc ?? null,
      },
    };
  });
}

/** The state-file entry of a service, given its current pid. */
export function serviceState(
  spec: SupervisedSpec,
  def: ServiceDefinition,
  ctx: EnvContext,
  proc: { pid: number | null; startTime: string | null },
): ServiceState {
  const ports = ctx.ports[def.name];
  return {
    name: def.name,
    pid: proc.pid,
    startTime: proc.startTime,
    httpPort: ports.http ?? null,
    grpcPort: ports.grpc ?? null,
    healthUrl: spec.health.healthUrl,
    apiUrl: ports.http !== undefined ? httpUrl(ctx, def.name, def.apiPath ?? '') : null,
    log: spec.logFile,
  };
}

/** The ports `up` is about to listen on, with the variable that chose each. */
export function listenPorts(
  order: readonly ServiceDefinition[],
  ctx: EnvContext,
): Array<{ env: string; port: number }> {
  return order.flatMap((def) => {
    const ports = ctx.ports[def.name];
    return [
      ...(def.http && ports.http !== undefined ? [{ env: def.http.env, port: ports.http }] : []),
      ...(def.grpc && ports.grpc !== undefined ? [{ env: def.grpc.env, port: ports.grpc }] : []),
    ];
  });
}
