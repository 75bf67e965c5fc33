import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve, sep } from 'node:path';
import type { CliConfig } from '../cli.config.js';
import { isSupervisorAlive, readState } from '../cloud-state.store.js';
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
 * `tinystack reset [--yes]`: deletes the data directory (every service's database, blobs,
 * logs and the generated passwords). Refuses while the cloud runs. Asks first when stdin
 * is a terminal, unless --yes.
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
    io.out(`tinystack: nothing to reset (${dir} does not exist)`);
    return 0;
  }
  if (!flags.yes && io.isInteractive) {
    const answer = await io.ask(
      `Delete ${dir} and everything in it (every service's data, logs and passwords)? Type "yes" to confirm: `,
    );
    if (answer.trim().toLowerCase() !== 'yes') {
      io.err('tinystack: reset cancelled');
      return 1;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  io.out(`tinystack: deleted ${dir}`);
  return 0;
}
