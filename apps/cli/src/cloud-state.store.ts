import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isAlive } from './process.util.js';
import type { ServiceName } from './services.js';

/** One service as `up` runs it, as recorded in <data dir>/run/cloud.json. */
export interface ServiceState {
  readonly name: ServiceName;
  /** null before it is started, and while it waits to be restarted. */
  readonly pid: number | null;
  readonly startTime: string | null;
  readonly httpPort: number | null;
  readonly grpcPort: number | null;
  /** GET here answers 200 when the service is healthy; null: probe the gRPC port instead. */
  readonly healthUrl: string | null;
  /** The public API root, shown to users; null for services without an HTTP API. */
  readonly apiUrl: string | null;
  readonly log: string;
}

/** The state file other commands (status, down, reset, the e2e harness) read. */
export interface CloudState {
  readonly version: 1;
  readonly phase: 'starting' | 'ready' | 'stopping';
  readonly supervisorPid: number;
  readonly supervisorStartTime: string | null;
  readonly startedAt: string;
  readonly dataDir: string;
  readonly host: string;
  readonly openrc: string;
  readonly services: readonly ServiceState[];
}

export type Claim =
  | { readonly ok: true }
  | { readonly ok: false; readonly running: CloudState }
  | { readonly ok: false; readonly stale: CloudState };

/** The state in `file`, or null when there is none (or it is unreadable). */
export function readState(file: string): CloudState | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CloudState;
    return parsed.version === 1 && typeof parsed.supervisorPid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** Whether the supervisor that wrote `state` still runs. */
export function isSupervisorAlive(state: CloudState): boolean {
  return isAlive(state.supervisorPid, state.supervisorStartTime);
}

/**
 * Claims the data directory for one `up` by creating the state file exclusively.
 * When it exists: `running` if its supervisor is alive, `stale` otherwise (the caller
 * cleans up what the dead supervisor left, calls {@link removeState} and claims again).
 */
export function claimState(file: string, initial: CloudState): Claim {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw err;
    }
    const existing = readState(file);
    if (existing && isSupervisorAlive(existing)) {
      return { ok: false, running: existing };
    }
    return { ok: false, stale: existing ?? { ...initial, services: [] } };
  }
  try {
    writeSync(fd, JSON.stringify(initial, null, 2));
  } finally {
    closeSync(fd);
  }
  return { ok: true };
}

/** Replaces the state atomically (readers never see a half-written file). */
export function writeState(file: string, state: CloudState): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}

export function removeState(file: string): void {
  rmSync(file, { force: true });
}
