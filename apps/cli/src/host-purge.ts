import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliConfig } from './cli.config.js';
import { envContext, supervisedSpecs } from './launch.plan.js';
import { startPlan } from './service-graph.js';
import { SERVICES, type ServiceDefinition, type ServiceName } from './services.js';

/** What one service's purge did: its report lines, and whether it left something. */
export interface PurgeOutcome {
  readonly service: ServiceName;
  /** false: not built, nothing ran. */
  readonly ran: boolean;
  readonly ok: boolean;
  readonly lines: string[];
}

const PURGE_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs the purge entry of every service this cloud runs that has one (compute-agent: its
 * guests and host networking), one after the other, each with the environment `up` gives that service, so
 * it finds what that cloud made. Never throws: a purge that fails or hangs is an outcome.
 */
export async function purgeServices(
  cfg: CliConfig,
  registry: readonly ServiceDefinition[] = SERVICES,
  inherited: NodeJS.ProcessEnv = process.env,
): Promise<PurgeOutcome[]> {
  const plan = startPlan(registry, (def) => existsSync(join(cfg.root, def.entry)), cfg.only);
  // the purges log in to nothing: no password is read or generated for them
  const ctx = envContext(cfg, { admin: '', service: cfg.servicePassword ?? '' }, plan.order);
  const outcomes: PurgeOutcome[] = [];
  // only what this cloud runs (TINYSTACK_SERVICES): a cloud without an agent has no
  // guests, and a purge in its name would take another cloud's host networking for its own
  for (const def of plan.order) {
    if (!def.purge) {
      continue;
    }
    const file = join(cfg.root, def.purge);
    if (!existsSync(file)) {
      outcomes.push({ service: def.name, ran: false, ok: true, lines: [`${def.purge} is not built`] });
      continue;
    }
    const [spec] = supervisedSpecs([def], ctx, cfg, inherited);
    outcomes.push({ service: def.name, ran: true, ...(await runPurge(file, spec?.env ?? {})) });
  }
  return outcomes;
}

function runPurge(file: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; lines: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: PURGE_TIMEOUT_MS });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => resolve({ ok: false, lines: [e.message] }));
    child.on('close', (code, signal) => {
      const lines = out.split('\n').filter(Boolean);
      if (code === 0) {
        resolve({ ok: true, lines });
        return;
      }
      const why = signal ? `killed by ${signal}` : `exit ${code}`;
      const tail = err.trim().split('\n').slice(-5).filter(Boolean);
      resolve({ ok: false, lines: [...lines, `purge failed (${why})`, ...tail] });
    });
  });
}
