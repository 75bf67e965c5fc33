import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The kernel's start time of a process (clock ticks since boot, field 22 of
 * /proc/<pid>/stat), which with the pid identifies it even after the pid is reused.
 * null when the process does not exist, is a zombie, or /proc is not available.
 */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid ..."; comm may hold spaces and parentheses: split after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') {
    return null;
  }
  return fields[19] ?? null;
}

/**
 * Whether pid is a live process; when startTime is given, also that it is the same
 * process that had this pid then (not a later process that reused the pid).
 */
export function isAlive(pid: number, startTime?: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') {
      return false;
    }
  }
  const now = processStartTime(pid);
  if (now === null) {
    // no /proc (not Linux) means kill(0) is all we know; a zombie is not alive
    return !hasProc();
  }
  return startTime == null || startTime === now;
}

function hasProc(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to a process group (children started detached lead their own). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Polls until the process is gone; true when it went within timeoutMs. */
export async function waitGone(
  pid: number,
  startTime: string | null | undefined,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid, startTime)) {
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(100);
  }
  return true;
}

/**
 * Stops a process that is not our child: SIGTERM to its group, then SIGKILL after
 * timeoutMs. Returns how it ended.
 */
export async function terminate(
  pid: number,
  startTime: string | null | undefined,
  timeoutMs: number,
): Promise<'gone' | 'terminated' | 'killed' | 'stuck'> {
  if (!isAlive(pid, startTime)) {
    return 'gone';
  }
  signalGroup(pid, 'SIGTERM');
  if (await waitGone(pid, startTime, timeoutMs)) {
    return 'terminated';
  }
  signalGroup(pid, 'SIGKILL');
  return (await waitGone(pid, startTime, 5000)) ? 'killed' : 'stuck';
}
