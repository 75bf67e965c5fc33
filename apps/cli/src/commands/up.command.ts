import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliConfig } from '../cli.config.js';
import { stopLeftovers } from '../cloud.control.js';
import { claimState, removeState, writeState, type CloudState } from '../cloud-state.store.js';
import { CloudSupervisor, printTail } from '../cloud.supervisor.js';
import { isPortFree } from '../health.probe.js';
import { envContext, listenPorts, serviceState, supervisedSpecs } from '../launch.plan.js';
import { renderOpenrc, writeOpenrc } from '../openrc.renderer.js';
import { processStartTime } from '../process.util.js';
import { loadOrCreateSecret, type Secret } from '../secrets.store.js';
import { startPlan } from '../service-graph.js';
import { httpUrl, SERVICES, type EnvContext, type ServiceDefinition } from '../services.js';
import type { Io } from './io.js';
import { printReady } from './up-summary.js';

/**
 * `tinystack up`: starts every built service in dependency order, waits for each to be
 * healthy, prints how to use the cloud, and supervises until SIGINT/SIGTERM/SIGHUP.
 * Exit code 0 after a requested stop, 1 when a service fails to start or keeps crashing.
 */
export async function upCommand(cfg: CliConfig, io: Io): Promise<number> {
  const plan = startPlan(SERVICES, (def) => existsSync(join(cfg.root, def.entry)), cfg.only);
  if (plan.order.length === 0) {
    io.err(
      'tinystack: no service is built (looked for apps/<service>/dist/main.js): run `npm run build`',
    );
    return 1;
  }
  plan.warnings.forEach((w) => io.out(`tinystack: warning: ${w}`));
  mkdirSync(cfg.paths.dataDir, { recursive: true, mode: 0o700 });
  const state = initialState(cfg);
  if (!(await claim(cfg, state, io))) {
    return 1;
  }
  try {
    return await run(cfg, plan.order, state, io);
  } finally {
    removeState(cfg.paths.stateFile);
  }
}

function initialState(cfg: CliConfig): CloudState {
  return {
    version: 1,
    phase: 'starting',
    supervisorPid: process.pid,
    supervisorStartTime: processStartTime(process.pid),
    startedAt: new Date().toISOString(),
    dataDir: cfg.paths.dataDir,
    host: cfg.host,
    openrc: cfg.paths.openrcFile,
    services: [],
  };
}

/** Claims the data directory; cleans up after a supervisor that died without doing so. */
async function claim(cfg: CliConfig, state: CloudState, io: Io): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = claimState(cfg.paths.stateFile, state);
    if (result.ok) {
      return true;
    }
    if ('running' in result) {
      io.err(
        `tinystack: a cloud is already running on ${cfg.paths.dataDir} (supervisor pid ` +
          `${result.running.supervisorPid}); \`tinystack down\` stops it`,
      );
      return false;
    }
    io.out(
      'tinystack: the previous supervisor of this data directory is gone; cleaning up after it',
    );
    await stopLeftovers(result.stale, cfg.paths.stateFile, cfg.stopTimeoutMs, (line) =>
      io.out(`tinystack: ${line}`),
    );
  }
  io.err(`tinystack: could not claim ${cfg.paths.stateFile}`);
  return false;
}

async function portsInUse(order: readonly ServiceDefinition[], ctx: EnvContext): Promise<string[]> {
  const busy: string[] = [];
  for (const { env, port } of listenPorts(order, ctx)) {
    if (!(await isPortFree(ctx.bindHost, port))) {
      busy.push(`${env}=${port}`);
    }
  }
  return busy;
}

interface Prepared {
  readonly ctx: EnvContext;
  readonly admin: Secret;
}

/** Passwords, the env context, a check that the ports are free, and the openrc. */
async function prepare(
  cfg: CliConfig,
  order: readonly ServiceDefinition[],
  io: Io,
): Promise<Prepared | null> {
  const admin = loadOrCreateSecret(cfg.paths.adminPasswordFile, cfg.adminPassword);
  const service = loadOrCreateSecret(cfg.paths.servicePasswordFile, cfg.servicePassword);
  const ctx = envContext(cfg, { admin: admin.value, service: service.value }, order);
  const busy = await portsInUse(order, ctx);
  if (busy.length > 0) {
    io.err(
      `tinystack: these ports are in use (choose others with the variables): ${busy.join(', ')}`,
    );
    return null;
  }
  writeOpenrc(
    cfg.paths.openrcFile,
    renderOpenrc({ identityUrl: httpUrl(ctx, 'identity'), adminPassword: admin.value }),
  );
  return { ctx, admin };
}

async function run(
  cfg: CliConfig,
  order: readonly ServiceDefinition[],
  initial: CloudState,
  io: Io,
): Promise<number> {
  const prepared = await prepare(cfg, order, io);
  if (!prepared) {
    return 1;
  }
  const { ctx } = prepared;
  let phase: CloudState['phase'] = 'starting';
  const supervisor: CloudSupervisor = new CloudSupervisor({
    root: cfg.root,
    services: supervisedSpecs(order, ctx, cfg, process.env),
    startTimeoutMs: cfg.startTimeoutMs,
    stopTimeoutMs: cfg.stopTimeoutMs,
    onChange: () => persist(),
    print: (line) => io.out(`tinystack: ${line}`),
  });
  const states = () => supervisor.snapshot().map((s, i) => serviceState(s.spec, order[i], ctx, s));
  const persist = () => writeState(cfg.paths.stateFile, { ...initial, phase, services: states() });
  const removeHandlers = onStopSignals(supervisor, io);
  try {
    const code = await startAndSupervise(supervisor, io, () => {
      phase = 'ready';
      persist();
      printReady(io, { cfg, ctx, order, admin: prepared.admin, pids: states() });
    });
    phase = 'stopping';
    persist();
    await supervisor.stopAll();
    io.out(code === 0 ? 'tinystack: stopped' : 'tinystack: stopped after a failure');
    return code;
  } finally {
    removeHandlers();
  }
}

/** Starts everything; once ready, supervises until asked to stop. Returns the exit code. */
async function startAndSupervise(
  supervisor: CloudSupervisor,
  io: Io,
  onReady: () => void,
): Promise<number> {
  const outcome = await supervisor.startAll();
  switch (outcome.kind) {
    case 'failed':
      io.err(
        `tinystack: ${outcome.service} failed to start: ${outcome.reason}; its last log lines:`,
      );
      printTail(io.err, outcome.tail);
      return 1;
    case 'interrupted':
      return 0;
    case 'ready':
      onReady();
      return supervisor.finished;
  }
}

/** First signal: stop in order. Second: SIGKILL everything. */
function onStopSignals(supervisor: CloudSupervisor, io: Io): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      io.out(`tinystack: ${signal}: stopping the cloud (again to kill at once)`);
      supervisor.requestStop();
    } else {
      io.out(`tinystack: ${signal} again: killing every service`);
      supervisor.killAll();
    }
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  signals.forEach((s) => process.on(s, handler));
  return () => signals.forEach((s) => process.off(s, handler));
}
