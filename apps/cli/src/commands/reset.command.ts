import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve, sep } from 'node:path';
import type { CliConfig } from '../cli.config.js';
import { isSupervisorAlive, readState } from '../cloud-state.store.js';
import { purgeServices } from '../host-purge.js';
import { isAlive } from '../process.util.js';
import type { Io } from './io.js';

/** Why `dir` must never be wiped (it holds the project or a home), or null. */
export function unsafeToWipe(dir: string, root: string): string | null {
  const d = resolve(dir);
  const inside = (parent: string) =>
    parent === d || resolve(parent).startsWith(d.endsWith(sep) ? d : d + sep);
  if (d === sep || inside(root) || inside(homedir()) || inside(process.cwd())) {
    return `${d} is or contains the filesystem root, the project, a home or the current directory`;
  }
  return null;
}

/**
 * `tinystack reset [--yes]`: removes what the cloud made outside its data directory (the
 * compute agent's libvirt guests and host networking, see {@link purgeServices}), then
 * deletes the data directory (every service's database, blobs, logs and the generated
 * passwords). Refuses while the cloud runs. Asks first when stdin is a terminal, unless
 * --yes. A purge that fails is reported with what it left, and the directory still goes;
 * the exit code is 1 then.
 */
export async function resetCommand(
  cfg: CliConfig,
  io: Io,
  flags: { yes: boolean },
): Promise<number> {
  const dir = cfg.paths.dataDir;
  const state = readState(cfg.paths.stateFile);
  if (
    state &&
    (isSupervisorAlive(state) ||
      state.services.some((s) => s.pid !== null && isAlive(s.pid, s.startTime)))
  ) {
    io.err(`tinystack: refusing to reset ${dir}: the cloud is running (\`tinystack down\` first)`);
    return 1;
  }
  const unsafe = unsafeToWipe(dir, cfg.root);
  if (unsafe) {
    io.err(`tinystack: refusing to reset: ${unsafe}`);
    return 1;
  }
  if (!existsSync(dir)) {
    // guests and networking may outlive a data directory deleted by hand
    const purged = await purge(cfg, io);
    io.out(`tinystack: nothing to reset (${dir} does not exist)`);
    return purged ? 0 : 1;
  }
  if (!flags.yes && io.isInteractive) {
    const answer = await io.ask(
      `Delete ${dir} and everything in it (every service's data, logs and passwords), and this cloud's guests and host networking? Type "yes" to confirm: `,
    );
    if (answer.trim().toLowerCase() !== 'yes') {
      io.err('tinystack: reset cancelled');
      return 1;
    }
  }
  const purged = await purge(cfg, io);
  rmSync(dir, { recursive: true, force: true });
  io.out(`tinystack: deleted ${dir}`);
  return purged ? 0 : 1;
}

/** Runs the purges and prints what each removed (or left); false when one failed. */
async function purge(cfg: CliConfig, io: Io): Promise<boolean> {
  let ok = true;
  for (const outcome of await purgeServices(cfg)) {
    const print = outcome.ok ? io.out : io.err;
    outcome.lines.forEach((line) => print(`tinystack: ${outcome.service}: ${line}`));
    if (!outcome.ok) {
      io.err(`tinystack: ${outcome.service}: its purge failed; what it lists above stays on this host`);
      ok = false;
    }
  }
  return ok;
}
