import { isSupervisorAlive, removeState, type CloudState } from './cloud-state.store.js';
import { probeHealth, type HealthResult } from './health.probe.js';
import { isAlive, signalGroup, terminate, waitGone } from './process.util.js';
import type { ServiceState } from './cloud-state.store.js';

export type Print = (line: string) => void;

/**
 * Stops the services a dead supervisor left running (it was SIGKILLed, or the machine
 * ran out of memory), then removes its state file.
 */
export async function stopLeftovers(
  state: CloudState,
  stateFile: string,
  timeoutMs: number,
  print: Print,
): Promise<void> {
  for (const svc of [...state.services].reverse()) {
    if (svc.pid !== null && isAlive(svc.pid, svc.startTime)) {
      print(`stopping ${svc.name} (pid ${svc.pid}), left running by a supervisor that is gone`);
      const how = await terminate(svc.pid, svc.startTime, timeoutMs);
      if (how === 'stuck') {
        throw new Error(`${svc.name} (pid ${svc.pid}) does not die, even on SIGKILL`);
      }
    }
  }
  removeState(stateFile);
}

/**
 * Stops the cloud `up` runs: SIGTERM to the supervisor (which stops its services in
 * order), then waits for it to exit. When it does not, it and its services are killed.
 * Returns false when something could not be stopped cleanly.
 */
export async function stopCloud(
  state: CloudState,
  stateFile: string,
  stopTimeoutMs: number,
  print: Print,
): Promise<boolean> {
  if (!isSupervisorAlive(state)) {
    await stopLeftovers(state, stateFile, stopTimeoutMs, print);
    return true;
  }
  print(`stopping tinystack (supervisor pid ${state.supervisorPid}) ...`);
  try {
    process.kill(state.supervisorPid, 'SIGTERM');
  } catch {
    // it just exited
  }
  const budget = stopTimeoutMs * (state.services.length + 1) + 5000;
  if (await waitGone(state.supervisorPid, state.supervisorStartTime, budget)) {
    return true;
  }
  print(
    `the supervisor did not exit within ${Math.round(budget / 1000)}s: killing it and its services`,
  );
  signalGroup(state.supervisorPid, 'SIGKILL');
  await waitGone(state.supervisorPid, state.supervisorStartTime, 5000);
  await stopLeftovers(state, stateFile, 1000, print);
  return false;
}

export interface ServiceStatus {
  readonly name: string;
  readonly pid: number | null;
  readonly httpPort: number | null;
  readonly grpcPort: number | null;
  readonly apiUrl: string | null;
  readonly isRunning: boolean;
  readonly health: HealthResult;
}

/** Each recorded service: does its process run, and does it answer its health probe. */
export async function serviceStatuses(state: CloudState): Promise<ServiceStatus[]> {
  return Promise.all(state.services.map((svc) => statusOf(state.host, svc)));
}

async function statusOf(host: string, svc: ServiceState): Promise<ServiceStatus> {
  const isRunning = svc.pid !== null && isAlive(svc.pid, svc.startTime);
  const health = isRunning
    ? await probeHealth({ healthUrl: svc.healthUrl, host, tcpPort: svc.grpcPort })
    : { ok: false, detail: svc.pid === null ? 'not running (restarting?)' : 'process is gone' };
  return {
    name: svc.name,
    pid: svc.pid,
    httpPort: svc.httpPort,
    grpcPort: svc.grpcPort,
    apiUrl: svc.apiUrl,
    isRunning,
    health,
  };
}
