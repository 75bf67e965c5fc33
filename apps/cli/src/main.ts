#!/usr/bin/env node
// `tinystack`: starts, supervises and stops the local cloud. See `tinystack help`.
import { ConfigError } from '@tinystack/config';
import { loadCliConfig, type CliConfig } from './cli.config.js';
import { parseArgs, UsageError, type ParsedArgs } from './cli-args.js';
import { downCommand } from './commands/down.command.js';
import { helpCommand, USAGE } from './commands/help.command.js';
import { terminalIo, type Io } from './commands/io.js';
import { openrcCommand } from './commands/openrc.command.js';
import { resetCommand } from './commands/reset.command.js';
import { statusCommand } from './commands/status.command.js';
import { upCommand } from './commands/up.command.js';

async function dispatch(args: ParsedArgs, cfg: CliConfig, io: Io): Promise<number> {
  switch (args.command) {
    case 'up':
      return upCommand(cfg, io);
    case 'down':
      return downCommand(cfg, io);
    case 'status':
      return statusCommand(cfg, io, args.flags);
    case 'reset':
      return resetCommand(cfg, io, args.flags);
    case 'openrc':
      return openrcCommand(cfg, io);
    case 'help':
      return helpCommand(io);
  }
}

async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tinystack: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    return helpCommand(io);
  }
  let cfg: CliConfig;
  try {
    cfg = loadCliConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`tinystack: invalid environment:\n${err.problems.map((p) => `  ${p}`).join('\n')}`);
      return 2;
    }
    throw err;
  }
  return dispatch(args, cfg, io);
}

// A reader that went away (`tinystack up | head`, a test runner that died) must not crash
// `up` half-way through stopping its services: output is best effort, stopping is not.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

try {
  process.exitCode = await main(process.argv.slice(2), terminalIo);
} catch (err) {
  terminalIo.err(`tinystack: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
// `up` leaves nothing behind once it has stopped its services; don't wait on stray handles.
process.exit(process.exitCode);
