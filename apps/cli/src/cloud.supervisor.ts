import { setTimeout as sleep } from 'node:timers/promises';
import { probeHealth, type HealthTarget } from './health.probe.js';
import { stopOrder } from './service-graph.js';
import type { ServiceName } from './services.js';
import { describeExit, ServiceProcess, type ExitInfo } from './service.process.js';

/** One service the supervisor runs: how to start it and how to tell it is healthy. */
export interface SupervisedSpec {
  readonly name: ServiceName;
  readonly entry: string;
  readonly nodeFlags?: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly health: HealthTarget;
}

export interface SupervisorOptions {
  readonly root: string;
  /** In start order (dependencies first). */
  readonly services: readonly SupervisedSpec[];
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  /** Called whenever a pid changes, to persist the state file. */
  readonly onChange: () => void;
  readonly print: (line: string) => void;
}

export type StartOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'interrupted' }
  | {
      readonly kind: 'failed';
      readonly service: ServiceName;
      readonly reason: string;
      readonly tail: string[];
    };

type HealthWait =
  | { readonly kind: 'healthy' | 'interrupted' }
  | { readonly kind: 'failed'; readonly reason: string };

/** Crashes after start-up within this window count towards giving up. */
const CRASH_WINDOW_MS = 10 * 60_000;
const MAX_CRASHES = 5;
const TAIL_LINES = 30;

interface Slot {
  readonly spec: SupervisedSpec;
  proc: ServiceProcess | null;
  crashes: number[];
}

/**
 * Starts the services one by one in dependency order, each once the previous is healthy;
 * then restarts (with backoff) any that dies, giving up after too many crashes; stops them
 * in reverse order on request.
 */
export class CloudSupervisor {
  private readonly slots: Slot[];
  private isStopping = false;
  private isReady = false;
  private finish!: (code: number) => void;
  /** Resolves with the exit code `up` should end with: 0 after a requested stop, 1 on failure. */
  readonly finished = new Promise<number>((resolve) => (this.finish = resolve));

  constructor(private readonly opts: SupervisorOptions) {
    this.slots = opts.services.map((spec) => ({ spec, proc: null, crashes: [] }));
  }

  /** The running services, in start order, for the state file. */
  snapshot(): ReadonlyArray<{
    spec: SupervisedSpec;
    pid: number | null;
    startTime: string | null;
  }> {
    return this.slots.map(({ spec, proc }) => ({
      spec,
      pid: proc?.isRunning ? proc.pid : null,
      startTime: proc?.isRunning ? proc.startTime : null,
    }));
  }

  get stopping(): boolean {
    return this.isStopping;
  }

  async startAll(): Promise<StartOutcome> {
    for (const slot of this.slots) {
      if (this.isStopping) {
        return { kind: 'interrupted' };
      }
      this.opts.print(`starting ${slot.spec.name} ...`);
      const proc = this.spawn(slot);
      const health = await this.waitHealthy(proc, slot.spec.health);
      if (health.kind === 'interrupted' || this.isStopping) {
        return { kind: 'interrupted' };
      }
      if (health.kind === 'failed') {
        return {
          kind: 'failed',
          service: slot.spec.name,
          reason: health.reason,
          tail: proc.tail(TAIL_LINES),
        };
      }
      this.opts.print(`${slot.spec.name} is healthy (pid ${proc.pid})`);
    }
    this.isReady = true;
    return { kind: 'ready' };
  }

  /** Asks the supervisor to stop; `finished` then resolves with 0. */
  requestStop(): void {
    this.end(0);
  }

  /** SIGKILL to every service at once (a second Ctrl-C). */
  killAll(): void {
    for (const slot of this.slots) {
      slot.proc?.kill();
    }
  }

  /** Stops the services in reverse start order, each SIGTERM then SIGKILL after the timeout. */
  async stopAll(): Promise<void> {
    this.isStopping = true;
    for (const slot of stopOrder(this.slots)) {
      const proc = slot.proc;
      if (!proc?.isRunning) {
        continue;
      }
      this.opts.print(`stopping ${slot.spec.name} (pid ${proc.pid}) ...`);
      const exit = await proc.stop(this.opts.stopTimeoutMs);
      if (exit.signal === 'SIGKILL') {
        this.opts.print(
          `${slot.spec.name} did not stop within ${this.opts.stopTimeoutMs / 1000}s: killed`,
        );
      }
      this.opts.onChange();
    }
  }

  private end(code: number): void {
    this.isStopping = true;
    this.finish(code);
  }

  private spawn(slot: Slot): ServiceProcess {
    const { spec } = slot;
    const proc = new ServiceProcess({
      name: spec.name,
      root: this.opts.root,
      entry: spec.entry,
      nodeFlags: spec.nodeFlags,
      env: spec.env,
      logFile: spec.logFile,
    });
    slot.proc = proc;
    this.opts.onChange();
    void proc.exited.then((exit) => {
      if (this.isReady && !this.isStopping && slot.proc === proc) {
        void this.restart(slot, proc, exit);
      }
    });
    return proc;
  }

  private async waitHealthy(proc: ServiceProcess, target: HealthTarget): Promise<HealthWait> {
    const deadline = Date.now() + this.opts.startTimeoutMs;
    let last = 'not probed yet';
    for (;;) {
      if (this.isStopping) {
        return { kind: 'interrupted' };
      }
      if (!proc.isRunning) {
        return {
          kind: 'failed',
          reason: `exited during start-up (${describeExit(await proc.exited)})`,
        };
      }
      const result = await probeHealth(target);
      if (result.ok && proc.isRunning) {
        return { kind: 'healthy' };
      }
      last = result.detail;
      if (Date.now() >= deadline) {
        proc.kill();
        const secs = Math.round(this.opts.startTimeoutMs / 1000);
        return { kind: 'failed', reason: `not healthy after ${secs}s (last probe: ${last})` };
      }
      await Promise.race([sleep(250), proc.exited, this.finished]);
    }
  }

  private async restart(slot: Slot, dead: ServiceProcess, exit: ExitInfo): Promise<void> {
    const { name } = slot.spec;
    const now = Date.now();
    slot.crashes = [...slot.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    this.opts.print(
      `${name} (pid ${dead.pid}) exited unexpectedly (${describeExit(exit)}); its last log lines:`,
    );
    printTail(this.opts.print, dead.tail(TAIL_LINES));
    this.opts.onChange();
    if (slot.crashes.length > MAX_CRASHES) {
      this.opts.print(
        `${name} crashed ${slot.crashes.length} times in ${CRASH_WINDOW_MS / 60_000} minutes: giving up, stopping the cloud`,
      );
      this.end(1);
      return;
    }
    const delay = Math.min(30_000, 1000 * 2 ** (slot.crashes.length - 1));
    this.opts.print(`restarting ${name} in ${delay / 1000}s`);
    await Promise.race([sleep(delay), this.finished]);
    if (this.isStopping) {
      return;
    }
    const proc = this.spawn(slot);
    this.opts.print(`restarted ${name} (pid ${proc.pid})`);
  }
}

export function printTail(print: (line: string) => void, lines: readonly string[]): void {
  if (lines.length === 0) {
    print('  | (the log is empty)');
  }
  for (const line of lines) {
    print(`  | ${line}`);
  }
}
