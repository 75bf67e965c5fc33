// The TypeScript projects of the workspace and what `tsc -b` must build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './proc.mjs';

/** libs/*, apps/* and e2e directories that have a tsconfig.json. */
export function tsProjects() {
  const dirs = ['libs', 'apps'].flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => `${group}/${d}`) : [],
  );
  return [...dirs, 'e2e'].filter((d) => existsSync(join(root, d, 'tsconfig.json')));
}

/** The `references` of dir/tsconfig.json as directories relative to the root, or null. */
function referencesOf(dir) {
  try {
    const refs =
      JSON.parse(readFileSync(join(root, dir, 'tsconfig.json'), 'utf8')).references ?? [];
    return refs.map((r) =>
      relative(root, join(root, dir, r.path)).replace(/\/tsconfig\.json$/, ''),
    );
  } catch {
    return null; // not plain JSON (comments?): let tsc be the judge
  }
}

/** Projects `tsc -b` at the root does not reach through references (so it skips them). */
export function unreferencedProjects() {
  if (referencesOf('.') === null) {
    return [];
  }
  const reached = new Set();
  const visit = (dir) => {
    for (const ref of referencesOf(dir) ?? []) {
      if (!reached.has(ref)) {
        reached.add(ref);
        visit(ref);
      }
    }
  };
  visit('.');
  return tsProjects().filter((p) => !reached.has(p));
}

/**
 * What `tsc -b` gets for a whole build: the root tsconfig.json, plus (with a warning) any
 * project it forgot, so that project's tests are built and run rather than silently skipped.
 */
export function buildTargets(log) {
  const missing = unreferencedProjects();
  if (missing.length) {
    log.warn(
      `not referenced from tsconfig.json (add them there), built anyway: ${missing.join(', ')}`,
    );
  }
  return ['tsconfig.json', ...missing];
}
