// Fails when libs/contracts/src/gen is not what `nx run contracts:generate` writes from proto/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const committed = join(root, 'libs/contracts/src/gen');
const out = mkdtempSync(join(tmpdir(), 'contracts-'));
const buf = join(root, 'node_modules/.bin/buf');
const template = readFileSync(join(root, 'proto/buf.gen.yaml'), 'utf8')
  .replace('../node_modules/.bin/protoc-gen-ts_proto', join(root, 'node_modules/.bin/protoc-gen-ts_proto'))
  .replace('../libs/contracts/src/gen', out);
execFileSync(buf, ['lint'], { cwd: join(root, 'proto'), stdio: 'inherit' });
execFileSync(buf, ['generate', '--template', template], { cwd: join(root, 'proto'), stdio: 'inherit' });

const list = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? list(p) : [p];
  });
const rel = (base) => new Set(list(base).map((p) => relative(base, p)));
const want = rel(out);
const have = rel(committed);
const stale = [];
for (const f of new Set([...want, ...have])) {
  if (!want.has(f) || !have.has(f) || readFileSync(join(out, f), 'utf8') !== readFileSync(join(committed, f), 'utf8')) {
    stale.push(f);
  }
}
rmSync(out, { recursive: true, force: true });
if (stale.length) {
  console.error(`libs/contracts is stale (run: npx nx run contracts:generate): ${stale.join(', ')}`);
  process.exit(1);
}
console.log('libs/contracts is up to date with proto/');
