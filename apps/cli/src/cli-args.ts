export type CommandName = 'up' | 'down' | 'status' | 'reset' | 'openrc' | 'help';

export interface ParsedArgs {
  readonly command: CommandName;
  readonly flags: { readonly yes: boolean; readonly json: boolean };
}

const COMMANDS: readonly CommandName[] = ['up', 'down', 'status', 'reset', 'openrc', 'help'];
const FLAGS: Readonly<Record<string, readonly CommandName[]>> = {
  '--yes': ['reset'],
  '-y': ['reset'],
  '--json': ['status'],
};

export class UsageError extends Error {}

/** Parses `tinystack <command> [flags]`; throws UsageError on anything unknown. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    return { command: 'help', flags: { yes: false, json: false } };
  }
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}"`);
  }
  const command = first as CommandName;
  const given = new Set<string>();
  for (const arg of rest) {
    if (arg === '--help' || arg === '-h') {
      return { command: 'help', flags: { yes: false, json: false } };
    }
    if (!FLAGS[arg]?.includes(command)) {
      throw new UsageError(`${command} does not take "${arg}"`);
    }
    given.add(arg);
  }
  return {
    command,
    flags: { yes: given.has('--yes') || given.has('-y'), json: given.has('--json') },
  };
}
