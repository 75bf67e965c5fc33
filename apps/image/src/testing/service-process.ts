import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** What the process printed so far. */
  output(): string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

async function waitHealthy(healthUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${healthUrl}: the process exited with ${child.exitCode}:\n${output()}`);
    }
    if (await fetch(healthUrl).then((r) => r.ok, () => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${healthUrl} did not become healthy:\n${output()}`);
}

/**
 * A tinystack service as a child process (`node <main>`), started with exactly `env` and
 * resolved once `healthUrl` answers 200: the real process, for the medium tests that need
 * another app (an app cannot import another app) and for the benchmark.
 */
export async function startServiceProcess(
  main: string,
  env: Record<string, string>,
  healthUrl: string,
  nodeFlags: string[] = [],
): Promise<ServiceProcess> {
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: build it first (npx tsc -b tsconfig.json)`);
  }
  let output = '';
  const child = spawn(process.execPath, [...nodeFlags, main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  await waitHealthy(healthUrl, child, () => output);
  return {
    child,
    pid: child.pid ?? -1,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
