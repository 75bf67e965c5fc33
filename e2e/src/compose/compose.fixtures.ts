import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../harness/repo.paths.js';

/** deploy/docker-compose.yml, the file under test. */
export const COMPOSE_FILE = join(REPO_ROOT, 'deploy/docker-compose.yml');

/** The base images the compose file and deploy/Dockerfile use. */
export const BASE_IMAGES = ['node:20-bookworm-slim', 'debian:bookworm-slim', 'postgres:16', 'minio/minio:latest'];

/**
 * The shared script that builds local stand-ins for the base images on a machine that
 * reaches no image registry (../shared/docker/README.md). Never copied into the project.
 */
export const PREPARE_SCRIPT =
  process.env['TINYSTACK_DOCKER_PREPARE'] ?? join(REPO_ROOT, '..', 'shared', 'docker', 'prepare-base-images.sh');

/** Why the compose suite cannot run here, or null when a Docker engine answers. */
export function dockerSkipReason(): string | null {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 30_000 });
  if (info.error) {
    return `no docker command (${info.error.message})`;
  }
  if (info.status !== 0) {
    return `no Docker engine answers \`docker info\`: ${(info.stderr || info.stdout).trim().split('\n').pop() ?? ''}`;
  }
  if (composeCommand() === null) {
    return 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed';
  }
  return null;
}

let compose: readonly string[] | null | undefined;

/** `docker compose` (v2) when present, else `docker-compose` (v1), else null. */
export function composeCommand(): readonly string[] | null {
  if (compose === undefined) {
    if (spawnSync('docker', ['compose', 'version'], { timeout: 30_000 }).status === 0) {
      compose = ['docker', 'compose'];
    } else if (spawnSync('docker-compose', ['version'], { timeout: 30_000 }).status === 0) {
      compose = ['docker-compose'];
    } else {
      compose = null;
    }
  }
  return compose;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; never throws on a non-zero exit. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 600_000, maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(new Error(`could not run ${cmd}: ${err.message}`));
          return;
        }
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) {
      child.stdin?.end(opts.input);
    }
  });
}

/** Runs a command that must succeed; throws with its output otherwise. */
export async function must(cmd: string, args: readonly string[], opts: Parameters<typeof run>[2] = {}): Promise<string> {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${res.code}\n--- stdout\n${res.stdout.slice(-4000)}\n--- stderr\n${res.stderr.slice(-4000)}`);
  }
  return res.stdout;
}

/**
 * Builds the base images with the shared script when any is missing (about 2.5 min cold,
 * nothing when all exist). Where the script is absent (a machine that can pull from
 * Docker Hub), compose pulls them itself.
 */
export async function prepareBaseImages(log: (msg: string) => void): Promise<void> {
  const inspect = await run('docker', ['image', 'inspect', ...BASE_IMAGES], { timeoutMs: 60_000 });
  if (inspect.code === 0) {
    return;
  }
  if (!existsSync(PREPARE_SCRIPT)) {
    log(`base images missing and no ${PREPARE_SCRIPT}: compose will pull them`);
    return;
  }
  log(`base images missing: running ${PREPARE_SCRIPT}`);
  const started = Date.now();
  await must('bash', [PREPARE_SCRIPT], { timeoutMs: 1_200_000 });
  log(`base images prepared in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** One compose project (a stack) of deploy/docker-compose.yml. */
export class ComposeProject {
  constructor(
    readonly name: string,
    /** Variables the compose file reads (ports, passwords...), on top of PATH/HOME. */
    readonly vars: Readonly<Record<string, string>>,
  ) {}

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'DOCKER_HOST', 'DOCKER_CONFIG']) {
      if (process.env[key] !== undefined) {
        env[key] = process.env[key];
      }
    }
    // classic builder, one build at a time (2-core machines; see ../shared/docker/README.md)
    return { ...env, DOCKER_BUILDKIT: '0', COMPOSE_PARALLEL_LIMIT: '1', COMPOSE_PROJECT_NAME: this.name, ...this.vars };
  }

  /** `<compose> -f deploy/docker-compose.yml -p <name> <args>`, which must succeed. */
  compose(args: readonly string[], timeoutMs = 600_000): Promise<string> {
    const [cmd, ...pre] = composeCommand() ?? ['docker', 'compose'];
    return must(cmd ?? 'docker', [...pre, '-f', COMPOSE_FILE, '-p', this.name, ...args], { env: this.env(), timeoutMs });
  }

  /** The same, never throwing. */
  tryCompose(args: readonly string[], timeoutMs = 600_000): Promise<RunResult> {
    const [cmd, ...pre] = composeCommand() ?? ['docker', 'compose'];
    return run(cmd ?? 'docker', [...pre, '-f', COMPOSE_FILE, '-p', this.name, ...args], { env: this.env(), timeoutMs });
  }

  /**
   * Builds the stack's three images one at a time (`up --build` may build them in
   * parallel: three cold \`npm ci\`s at once on a 2-core machine), so `up --build` after it
   * finds every layer cached.
   */
  async buildImages(): Promise<void> {
    for (const svc of ['identity', 'compute-agent-1', 'dashboard']) {
      await this.compose(['build', svc], 2_400_000);
    }
  }

  /** Container id of one service (compose v1 and v2 name containers differently). */
  async containerOf(service: string): Promise<string> {
    const id = (await this.compose(['ps', '-q', service])).trim();
    if (!id) {
      throw new Error(`no container for ${service}`);
    }
    return id;
  }

  /** Every service of the file (`config --services`). */
  async services(): Promise<string[]> {
    return (await this.compose(['config', '--services'])).split('\n').filter(Boolean);
  }

  /**
   * Waits until every container of `services` is running and healthy (works with compose
   * v1, which has no `up --wait`); throws with the unhealthy ones' logs after `timeoutMs`.
   */
  async waitHealthy(services: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let states: string[] = [];
    while (Date.now() < deadline) {
      states = [];
      for (const svc of services) {
        const id = (await this.tryCompose(['ps', '-q', svc])).stdout.trim();
        const state = id
          ? (await run('docker', ['inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', id])).stdout.trim()
          : 'missing';
        states.push(`${svc}: ${state}`);
      }
      if (states.every((s) => s.endsWith('running healthy'))) {
        return;
      }
      if (states.some((s) => / (exited|dead)/.test(s))) {
        break;
      }
      await sleep(1000);
    }
    const bad = states.filter((s) => !s.endsWith('running healthy')).map((s) => s.split(':')[0] ?? '');
    const logs = await this.tryCompose(['logs', '--no-color', '--tail', '60', ...bad]);
    throw new Error(`not healthy: ${states.join(', ')}\n--- logs\n${logs.stdout.slice(-12000)}${logs.stderr.slice(-2000)}`);
  }

  /** Names of the project's volumes. */
  async volumes(): Promise<string[]> {
    const out = await must('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${this.name}`]);
    return out.split('\n').filter(Boolean);
  }
}

/** `docker stats --no-stream` of a project's containers: total MiB and one line each. */
export async function memoryOf(project: ComposeProject): Promise<{ totalMiB: number; lines: string[] }> {
  const ids = (await project.compose(['ps', '-q'])).split('\n').filter(Boolean);
  const out = await must('docker', ['stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}}', ...ids]);
  let total = 0;
  const lines = out.split('\n').filter(Boolean);
  for (const line of lines) {
    const m = /\s([\d.]+)(B|KiB|MiB|GiB)\s*\//.exec(line);
    if (m) {
      const n = Number(m[1]);
      total += m[2] === 'GiB' ? n * 1024 : m[2] === 'MiB' ? n : m[2] === 'KiB' ? n / 1024 : n / 1048576;
    }
  }
  return { totalMiB: Math.round(total), lines };
}
