// npm run bench [-- <service> ...]: bootstraps (packages, daemons such as libvirtd, build),
// then runs each service's benchmark
// (apps/<service>/dist/bench/<service>.bench.js); with no argument, every one that exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchOf = (svc) => join(root, 'apps', svc, 'dist', 'bench', `${svc}.bench.js`);

// The same idempotent first step as `npm start`: the compute benchmark needs libvirtd running.
execFileSync(process.execPath, [join(root, 'tools/bootstrap.mjs'), 'start'], { cwd: root, stdio: 'inherit' });

const all = readdirSync(join(root, 'apps')).filter((svc) => existsSync(benchOf(svc)));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
// --name=value flags go to every benchmark run (e.g. `-- dashboard --instances=3`)
const passed = process.argv.slice(2).filter((a) => a.startsWith('--'));
const unknown = wanted.filter((svc) => !all.includes(svc));
if (unknown.length > 0) {
  console.error(`No benchmark for: ${unknown.join(', ')}. Available: ${all.join(', ') || 'none'}`);
  process.exit(2);
}
let failed = false;
for (const svc of wanted.length > 0 ? wanted : all) {
  console.log(`\n== ${svc} ==`);
  const r = spawnSync(process.execPath, ['--expose-gc', benchOf(svc), ...passed], { cwd: root, stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
