import { execFile } from 'node:child_process';

export const SWIFT = '/usr/bin/swift';

/** Runs the real `swift` CLI (python3-swiftclient) with only PATH/HOME/LANG of ours plus `env`. */
export function runSwift(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  cwd?: string,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR']) {
    const v = process.env[key];
    if (v !== undefined) {
      base[key] = v;
    }
  }
  return new Promise((resolve) => {
    execFile(SWIFT, [...args], { env: { ...base, PYTHONWARNINGS: 'ignore', ...env }, cwd, timeout: 180_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      resolve({ ok: !err, stdout, stderr }),
    );
  });
}

export async function swift(args: readonly string[], env: Readonly<Record<string, string>>, cwd?: string): Promise<string> {
  const r = await runSwift(args, env, cwd);
  if (!r.ok) {
    throw new Error(`swift ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`);
  }
  return r.stdout;
}
