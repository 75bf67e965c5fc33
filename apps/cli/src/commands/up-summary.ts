import type { CliConfig } from '../cli.config.js';
import type { ServiceState } from '../cloud-state.store.js';
import type { Secret } from '../secrets.store.js';
import { grpcTarget, SERVICES, type EnvContext, type ServiceDefinition } from '../services.js';
import type { Io } from './io.js';

export interface ReadySummary {
  readonly cfg: CliConfig;
  readonly ctx: EnvContext;
  readonly order: readonly ServiceDefinition[];
  readonly admin: Secret;
  readonly pids: readonly ServiceState[];
}

const label = (name: string, value: string) => `  ${name.padEnd(13)}${value}`;

/** What `up` prints once every service is healthy. */
export function readyLines(s: ReadySummary): string[] {
  const rows = s.pids.map((svc) => {
    const def = s.order.find((d) => d.name === svc.name);
    const grpc = def?.grpc ? `gRPC ${grpcTarget(s.ctx, svc.name)}` : '';
    return `  ${svc.name.padEnd(14)} ${(svc.apiUrl ?? '-').padEnd(34)} ${grpc.padEnd(22)} pid ${svc.pid}`;
  });
  const dashboard = s.pids.find((svc) => svc.name === 'dashboard')?.apiUrl;
  const notStarted = SERVICES.filter((d) => !s.order.includes(d)).map((d) => d.name);
  const source = s.admin.source === 'env' ? ' (from TINYSTACK_ADMIN_PASSWORD)' : '';
  return [
    '',
    `tinystack is up: ${s.order.length} service(s), data in ${s.cfg.paths.dataDir}`,
    '',
    ...rows,
    '',
    ...(dashboard ? [label('Dashboard:', dashboard)] : []),
    label(
      'Admin:',
      `user admin, password ${s.admin.value}${source}, project admin, domain Default`,
    ),
    label('openrc:', `${s.cfg.paths.openrcFile}   (. it, then: openstack token issue)`),
    label('Logs:', `${s.cfg.paths.logsDir}/<service>.log`),
    ...(notStarted.length
      ? [label('Not started:', `${notStarted.join(', ')} (not built, or see the warnings above)`)]
      : []),
    '',
    'Ctrl-C or `tinystack down` stops the cloud.',
  ];
}

export function printReady(io: Io, s: ReadySummary): void {
  readyLines(s).forEach((line) => io.out(line));
}
