import type { CliConfig } from '../cli.config.js';
import { serviceStatuses, type ServiceStatus } from '../cloud.control.js';
import { isSupervisorAlive, readState, type CloudState } from '../cloud-state.store.js';
import type { Io } from './io.js';

export interface StatusReport {
  readonly isRunning: boolean;
  readonly isHealthy: boolean;
  readonly phase: CloudState['phase'] | null;
  readonly supervisorPid: number | null;
  readonly dataDir: string;
  readonly openrc: string | null;
  readonly services: readonly ServiceStatus[];
}

/** The status of the cloud on this data directory; healthy only when every service is. */
export async function statusReport(cfg: CliConfig): Promise<StatusReport> {
  const state = readState(cfg.paths.stateFile);
  const isRunning = state !== null && isSupervisorAlive(state);
  const services = state ? await serviceStatuses(state) : [];
  return {
    isRunning,
    isHealthy:
      isRunning && services.length > 0 && services.every((s) => s.isRunning && s.health.ok),
    phase: state?.phase ?? null,
    supervisorPid: state?.supervisorPid ?? null,
    dataDir: cfg.paths.dataDir,
    openrc: state?.openrc ?? null,
    services,
  };
}

export function statusLines(r: StatusReport): string[] {
  if (!r.isRunning && r.services.every((s) => !s.isRunning)) {
    return [`tinystack is not running (data in ${r.dataDir})`];
  }
  const head = r.isRunning
    ? `tinystack is ${r.phase} (supervisor pid ${r.supervisorPid}, data in ${r.dataDir})`
    : `tinystack's supervisor is gone, but services it started still run (\`tinystack down\` stops them)`;
  const rows = r.services.map((s) => {
    const ports = [s.httpPort && `http ${s.httpPort}`, s.grpcPort && `grpc ${s.grpcPort}`]
      .filter(Boolean)
      .join(', ');
    const health = s.health.ok ? 'healthy' : `DOWN: ${s.health.detail}`;
    return `  ${s.name.padEnd(14)} pid ${String(s.pid ?? '-').padEnd(8)} ${ports.padEnd(22)} ${health}`;
  });
  return [head, ...rows];
}

/** `tinystack status [--json]`: exit 0 when every service is healthy, 1 otherwise. */
export async function statusCommand(
  cfg: CliConfig,
  io: Io,
  flags: { json: boolean },
): Promise<number> {
  const report = await statusReport(cfg);
  if (flags.json) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    statusLines(report).forEach((line) => io.out(line));
  }
  return report.isHealthy ? 0 : 1;
}
