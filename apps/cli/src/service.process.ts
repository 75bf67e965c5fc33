import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { processStartTime } from './process.util.js';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  readonly name: string;
  readonly root: string;
  /** Entry file relative to root. */
  readonly entry: string;
  /** Flags for node itself (heap sizes), before the entry file. */
  readonly nodeFlags?: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
}

/** "exit code 1", "signal SIGKILL" */
export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * One run of one service: `node <entry>` with its stdout and stderr appended to its log
 * file, in a process group of its own (so a Ctrl-C in the terminal reaches only the
 * supervisor, which stops the services in order).
 */
export class ServiceProcess {
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private readonly logStart: number;
  private exit: ExitInfo | null = null;
  readonly startTime: string | null;

  constructor(private readonly opts: ServiceProcessOptions) {
    mkdirSync(dirname(opts.logFile), { recursive: true, mode: 0o700 });
    const fd = openSync(opts.logFile, 'a', 0o600);
    this.logStart = statSync(opts.logFile).size;
    try {
      this.child = spawn(process.execPath, [...(opts.nodeFlags ?? []), join(opts.root, opts.entry)], {
        cwd: opts.root,
        env: opts.env,
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      this.child.once('error', (err) => {
        this.exit = { code: null, signal: null };
        appendNote(this.opts.logFile, `tinystack: could not start ${opts.name}: ${err.message}`);
        resolve(this.exit);
      });
    });
    this.startTime = this.child.pid ? processStartTime(this.child.pid) : null;
  }

  get name(): string {
    return this.opts.name;
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get isRunning(): boolean {
    return this.exit === null && this.child.pid !== undefined;
  }

  /** SIGTERM to the service's group; SIGKILL when it is still there after timeoutMs. */
  async stop(timeoutMs: number): Promise<ExitInfo> {
    if (!this.isRunning) {
      return this.exited;
    }
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.kill(), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL to the service's whole group, at once. */
  kill(): void {
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exit !== null) {
      return;
    }
    try {
      process.kill(-pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }

  /** The last `count` lines this run wrote to its log. */
  tail(count: number): string[] {
    return readTail(this.opts.logFile, this.logStart, count);
  }
}

/** The last `count` lines of a file, reading only from byte `from` on (at most 64 KiB). */
export function readTail(file: string, from: number, count: number): string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = statSync(file).size;
    const start = Math.max(from, size - 65536);
    const buf = Buffer.alloc(Math.max(0, size - start));
    readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') {
      lines.pop();
    }
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}

function appendNote(file: string, line: string): void {
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    // the log is best effort
  }
}
