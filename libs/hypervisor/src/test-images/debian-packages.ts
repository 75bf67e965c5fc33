import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Debian packages for the test images, fetched with `apt-get download` (no installing, no
 * downloads outside apt) and unpacked with `dpkg-deb -x` into a cache directory.
 */

async function aptGet(args: string[], cwd: string): Promise<void> {
  await run('/usr/bin/apt-get', args, { cwd, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 });
}

/** The versioned kernel package `linux-image-amd64` points at (e.g. linux-image-6.1.0-56-amd64). */
export async function currentKernelPackage(): Promise<string> {
  const { stdout } = await run('/usr/bin/apt-cache', [
    'depends',
    '--no-recommends',
    '--no-suggests',
    'linux-image-amd64',
  ]);
  const m = /Depends:\s+(linux-image-[0-9][^\s]*)/.exec(stdout);
  if (!m?.[1]) {
    throw new Error(
      'apt-cache knows no linux-image-amd64 dependency (is `apt-get update` needed?)',
    );
  }
  return m[1];
}

/**
 * Download `packages` into `debDir` (skipping ones already there). When apt has no lists yet
 * and we are root, `apt-get update` runs once and the download is retried.
 */
export async function downloadPackages(packages: readonly string[], debDir: string): Promise<void> {
  await mkdir(debDir, { recursive: true });
  const have = await readdir(debDir);
  const missing = packages.filter((p) => !have.some((f) => f.startsWith(`${p}_`)));
  if (missing.length === 0) {
    return;
  }
  const staging = await mkdtemp(join(debDir, '.download-'));
  try {
    try {
      await aptGet(['download', ...missing], staging);
    } catch (err) {
      if (process.getuid?.() !== 0) {
        throw err;
      }
      await aptGet(['update', '-q'], staging);
      await aptGet(['download', ...missing], staging);
    }
    for (const f of await readdir(staging)) {
      await rename(join(staging, f), join(debDir, f));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Unpack every `<name>_*.deb` of `packages` from `debDir` into `root`. */
export async function unpackPackages(
  packages: readonly string[],
  debDir: string,
  root: string,
): Promise<void> {
  await mkdir(root, { recursive: true });
  const debs = await readdir(debDir);
  for (const p of packages) {
    const deb = debs.find((f) => f.startsWith(`${p}_`) && f.endsWith('.deb'));
    if (!deb) {
      throw new Error(`package ${p} was not downloaded`);
    }
    await run('/usr/bin/dpkg-deb', ['-x', join(debDir, deb), root], { timeout: 5 * 60_000 });
  }
}
