import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Kernel modules for the initramfs, with their dependencies in load order. Debian's kernel
 * package ships no modules.dep (depmod writes it at install), so dependencies are read from
 * each module's `.modinfo` strings (`depends=a,b`).
 */

async function walk(dir: string, out: Map<string, string>): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      await walk(p, out);
    } else if (e.name.endsWith('.ko')) {
      out.set(e.name.slice(0, -3).replace(/-/g, '_'), p);
    }
  }
}

/** `depends=` of a module file ('' entries dropped). */
export function dependsOf(ko: Buffer): string[] {
  const marker = Buffer.from('\0depends=');
  const at = ko.indexOf(marker);
  if (at < 0) {
    return [];
  }
  const start = at + marker.length;
  const end = ko.indexOf(0, start);
  return ko
    .subarray(start, end)
    .toString('latin1')
    .split(',')
    .filter(Boolean)
    .map((d) => d.replace(/-/g, '_'));
}

/** `wanted` and everything they need, dependencies before dependents: name → file. */
export async function moduleClosure(
  modulesDir: string,
  wanted: readonly string[],
): Promise<Array<{ name: string; path: string }>> {
  const index = new Map<string, string>();
  await walk(modulesDir, index);
  const ordered: Array<{ name: string; path: string }> = [];
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) {
      return;
    }
    seen.add(name);
    const path = index.get(name);
    if (!path) {
      throw new Error(`kernel module ${name} not found under ${modulesDir}`);
    }
    for (const dep of dependsOf(await readFile(path))) {
      await visit(dep);
    }
    ordered.push({ name, path });
  };
  for (const w of wanted) {
    await visit(w);
  }
  return ordered;
}
