import { execFile } from 'node:child_process';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import type { CpioEntry } from './initramfs.js';

const run = promisify(execFile);

/**
 * Dynamically linked programs from unpacked Debian packages, with everything the dynamic
 * loader needs to run them from an initramfs: their `NEEDED` libraries, recursively, and the
 * loader (`PT_INTERP`). Read with binutils' readelf (on the host through g++).
 */

/** Where the libraries go in the initramfs: the loader's first built-in search directory. */
export const GUEST_LIB_DIR = 'lib/x86_64-linux-gnu';

/** Library directories searched in the unpacked root, in the loader's order. */
const SEARCH_DIRS = ['lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu', 'lib', 'usr/lib'];

/** `NEEDED` sonames and the interpreter of an ELF file, from `readelf -dlW`. */
export function parseReadelf(text: string): { needed: string[]; interpreter?: string } {
  const needed = [...text.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
  const interpreter = /\[Requesting program interpreter: ([^\]]+)\]/.exec(text)?.[1];
  return interpreter ? { needed, interpreter } : { needed };
}

async function readElf(path: string): Promise<{ needed: string[]; interpreter?: string }> {
  const { stdout } = await run('readelf', ['-dlW', path], {
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseReadelf(stdout);
}

/** `rel` (relative to `root`) with symlinks followed inside `root`, never out to the host. */
async function resolveInRoot(root: string, rel: string): Promise<string | undefined> {
  let cur = posix.normalize(rel).replace(/^\/+/, '');
  for (let hops = 0; hops < 40; hops++) {
    const st = await lstat(join(root, cur)).catch(() => undefined);
    if (!st) {
      return undefined;
    }
    if (!st.isSymbolicLink()) {
      return st.isFile() ? cur : undefined;
    }
    const target = await readlink(join(root, cur));
    cur = posix
      .normalize(target.startsWith('/') ? target : posix.join(posix.dirname(cur), target))
      .replace(/^\/+/, '');
    if (cur.startsWith('..')) {
      return undefined;
    }
  }
  return undefined;
}

async function findLibrary(root: string, soname: string, neededBy: string): Promise<string> {
  for (const dir of SEARCH_DIRS) {
    const found = await resolveInRoot(root, posix.join(dir, soname));
    if (found) {
      return found;
    }
  }
  throw new Error(`${soname} (needed by ${neededBy}) is not in the unpacked packages`);
}

/** The loader at its PT_INTERP path: a link to the copy among `libs`, else the file itself. */
async function loaderEntry(
  root: string,
  interpreter: string,
  libs: ReadonlySet<string>,
): Promise<CpioEntry | undefined> {
  const path = interpreter.replace(/^\/+/, '');
  const name = basename(interpreter);
  if (libs.has(name)) {
    return dirname(path) === GUEST_LIB_DIR
      ? undefined
      : { type: 'symlink', path, target: `/${GUEST_LIB_DIR}/${name}` };
  }
  const real = await resolveInRoot(root, path);
  if (!real) {
    throw new Error(`the dynamic loader ${interpreter} is not in the unpacked packages`);
  }
  return { type: 'file', path, data: await readFile(join(root, real)), mode: 0o755 };
}

/**
 * Cpio entries for `programs` (paths inside `root`, kept at the same paths) and their closure:
 * libraries under GUEST_LIB_DIR by soname, the loader at its PT_INTERP path (a symlink to
 * the copy in GUEST_LIB_DIR when a library needs it there too). No directory entries.
 */
export async function elfClosure(root: string, programs: readonly string[]): Promise<CpioEntry[]> {
  const entries: CpioEntry[] = [];
  const libs = new Set<string>();
  let interpreter: string | undefined;
  const copy = async (path: string, real: string): Promise<void> => {
    entries.push({ type: 'file', path, data: await readFile(join(root, real)), mode: 0o755 });
    const elf = await readElf(join(root, real));
    interpreter ??= elf.interpreter;
    for (const soname of elf.needed.filter((n) => !libs.has(n))) {
      libs.add(soname);
      await copy(posix.join(GUEST_LIB_DIR, soname), await findLibrary(root, soname, real));
    }
  };
  for (const p of programs) {
    const real = await resolveInRoot(root, p);
    if (!real) {
      throw new Error(`${p} is not in the unpacked packages`);
    }
    await copy(p, real);
  }
  const loader = interpreter ? await loaderEntry(root, interpreter, libs) : undefined;
  return loader ? [...entries, loader] : entries;
}
