import { execFile } from 'node:child_process';

export const OPENSTACK = '/usr/bin/openstack';

/** Leading words of a command that take `-f json` (list, show, create, token issue, ...). */
const FORMATTED_ACTIONS = new Set(['list', 'show', 'create', 'issue']);

/** Whether `-f json` applies: the action word (list/show/create/issue) comes before any option. */
export function takesFormat(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg.startsWith('-')) {
      return false;
    }
    if (FORMATTED_ACTIONS.has(arg)) {
      return true;
    }
  }
  return false;
}

export interface OpenstackRun {
  readonly ok: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly argv: readonly string[];
}

/**
 * The environment the CLI runs with: PATH, HOME and LANG from ours, no OS_* of ours (so
 * a developer's openrc never leaks in), then `env`.
 */
function cliEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR']) {
    if (process.env[key] !== undefined) {
      base[key] = process.env[key];
    }
  }
  return { ...base, PYTHONWARNINGS: 'ignore', ...env };
}

/** Runs the real openstack CLI; never throws on a non-zero exit. */
export function runOpenstack(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<OpenstackRun> {
  const argv = takesFormat(args) ? [...args, '-f', 'json'] : [...args];
  return new Promise((resolve, reject) => {
    execFile(
      OPENSTACK,
      argv,
      { env: cliEnv(env), timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(new Error(`could not run ${OPENSTACK}: ${err.message}`)); // ENOENT, ...
          return;
        }
        const code = err ? ((err as { code?: number | null }).code ?? null) : 0;
        resolve({ ok: !err, code, stdout, stderr, argv });
      },
    );
  });
}

function report(run: OpenstackRun): string {
  return `openstack ${run.argv.join(' ')} (exit ${run.code})\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/**
 * Runs `openstack <args>` (with `-f json` where it applies) and returns the parsed JSON,
 * the trimmed text for commands without a format, or null when they print nothing.
 * Throws with the stderr when the command fails.
 */
export async function openstack<T = unknown>(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<T> {
  const run = await runOpenstack(args, env);
  if (!run.ok) {
    throw new Error(`failed: ${report(run)}`);
  }
  const text = run.stdout.trim();
  if (!takesFormat(args)) {
    return (text === '' ? null : text) as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON: ${report(run)}`);
  }
}

/** Runs a command that must fail; returns its stderr. Throws when it succeeds. */
export async function openstackFails(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const run = await runOpenstack(args, env);
  if (run.ok) {
    throw new Error(`expected a failure, but it succeeded: ${report(run)}`);
  }
  return run.stderr;
}
