import type { CliConfig } from '../cli.config.js';
import { stopCloud } from '../cloud.control.js';
import { readState } from '../cloud-state.store.js';
import type { Io } from './io.js';

/** `tinystack down`: stops the cloud `up` runs on this data directory and waits for it. */
export async function downCommand(cfg: CliConfig, io: Io): Promise<number> {
  const state = readState(cfg.paths.stateFile);
  if (!state) {
    io.out(`tinystack: not running (no ${cfg.paths.stateFile})`);
    return 0;
  }
  const isClean = await stopCloud(state, cfg.paths.stateFile, cfg.stopTimeoutMs, (line) =>
    io.out(`tinystack: ${line}`),
  );
  io.out(isClean ? 'tinystack: stopped' : 'tinystack: stopped, but not cleanly (see above)');
  return isClean ? 0 : 1;
}
