#!/usr/bin/env node
// The one test command: builds, then runs the compiled tests with node's test runner.
//
//   node tools/run-tests.mjs [options] [filter ...]
//
//   --project <dir|name>  only this project's tests (repeatable): libs/db, apps/image, db, e2e, tools
//   --no-e2e              skip the e2e phase          --e2e-only   only the e2e phase
//   --no-build            do not run `tsc -b` first    --name <re>  --test-name-pattern
//   filter                keep test files whose path contains it, as src (.ts) or dist (.js):
//                         libs/db/src/x.int.test.ts, schema-drift, apps/image/
//
// Phase 1, small + medium: libs/*/dist/**/*.test.js and apps/*/dist/**/*.test.js
//   (*.int.test.js included) and tools/**/*.test.mjs, 2 files at a time, 5 minutes per file.
// Phase 2, large: e2e/dist/**/*.e2e.js, two files at a time (each starts its own cloud on
//   free ports and its own data directory; TINYSTACK_E2E_CONCURRENCY overrides), 20 minutes per file.
// A compiled test whose source file is gone (stale dist/) is not run.
// TINYSTACK_TEST_DATABASE_URL defaults to the server tools/bootstrap.mjs test starts.
// The last line printed is always `N passed, M failed` (`, K skipped` when some were);
// the exit status is 1 when any test failed, timed out or any test file crashed.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TEST_DATABASE_URL } from './lib/postgres.mjs';
import { canConnect, makeLog, root } from './lib/proc.mjs';
import { buildTargets } from './lib/projects.mjs';
import { startWatchdog } from './lib/watchdog.mjs';

const MINUTE = 60_000;
const log = makeLog('run-tests');

function parseArgs(argv) {
  const o = { projects: [], filters: [], e2e: true, unit: true, build: true, name: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) {
        throw new Error(`${a} needs a value`);
      }
      return argv[++i];
    };
    if (a === '--project' || a === '-p') {
      o.projects.push(value());
    } else if (a.startsWith('--project=')) {
      o.projects.push(a.slice('--project='.length));
    } else if (a === '--no-e2e') {
      o.e2e = false;
    } else if (a === '--e2e-only') {
      o.unit = false;
    } else if (a === '--no-build') {
      o.build = false;
    } else if (a === '--name') {
      o.name = value();
    } else if (a === '--help' || a === '-h') {
      o.help = true;
    } else if (a.startsWith('-')) {
      throw new Error(`unknown option ${a}`);
    } else {
      o.filters.push(a);
    }
  }
  return o;
}

/** Project directories (relative to the root) selected by --project, or all of them. */
function selectProjects(names) {
  const all = ['libs', 'apps'].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${group}/${d.name}`)
      : [],
  );
  all.push('e2e', 'tools');
  if (names.length === 0) {
    return all;
  }
  return names.map((n) => {
    const clean = n.replace(/\/+$/, '').replace(/^\.\//, '');
    const found = [clean, `libs/${clean}`, `apps/${clean}`].find((p) => all.includes(p));
    if (!found) {
      throw new Error(`no project "${n}" (try one of: ${all.join(', ')})`);
    }
    return found;
  });
}

function walk(dir, keep, out = []) {
  if (!existsSync(dir)) {
    return out;
  }
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') {
      walk(p, keep, out);
    } else if (e.isFile() && keep(e.name)) {
      out.push(p);
    }
  }
  return out;
}

/** The TypeScript source a compiled test came from (rootDir src, outDir dist), if any. */
function sourceOf(rel) {
  const base = rel.replace('/dist/', '/src/').replace(/\.js$/, '');
  const found = ['.ts', '.tsx', '.mts'].map((x) => base + x).find((p) => existsSync(join(root, p)));
  return { src: found ?? null, guess: `${base}.ts` };
}

/** Where a project keeps its tests: tools/ runs its *.test.mjs as they are. */
function layout(project) {
  if (project === 'e2e') {
    return { dir: 'e2e/dist', suffix: '.e2e.js', phase: 'e2e', compiled: true };
  }
  if (project === 'tools') {
    return { dir: 'tools', suffix: '.test.mjs', phase: 'unit', compiled: false };
  }
  return { dir: `${project}/dist`, suffix: '.test.js', phase: 'unit', compiled: true };
}

function discover(projects, { filters, unit, e2e }) {
  const phases = { unit: [], e2e: [] };
  const stale = [];
  for (const project of projects) {
    const { dir, suffix, phase, compiled } = layout(project);
    if (!(phase === 'e2e' ? e2e : unit)) {
      continue;
    }
    for (const file of walk(join(root, dir), (n) => n.endsWith(suffix))) {
      const rel = relative(root, file).split(sep).join('/');
      const { src, guess } = compiled ? sourceOf(rel) : { src: rel, guess: rel };
      if (!src) {
        stale.push(rel);
      } else if (
        !filters.length ||
        filters.some((f) => [rel, src, guess].some((p) => p.includes(f)))
      ) {
        phases[phase].push(rel);
      }
    }
  }
  if (stale.length) {
    log(`not running ${stale.length} compiled test(s) whose source is gone: ${stale.join(', ')}`);
  }
  return phases;
}

function build(projects) {
  const tsc = join(root, 'node_modules/.bin/tsc');
  const targets = projects.length
    ? projects.filter((p) => existsSync(join(root, p, 'tsconfig.json')))
    : buildTargets(log);
  if (targets.length === 0) {
    return true;
  }
  log(`building (tsc -b ${targets.join(' ')})`);
  const r = spawnSync(tsc, ['-b', ...targets], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

async function testEnv() {
  const env = { ...process.env };
  env.NODE_OPTIONS = [env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
  if (!env.TINYSTACK_TEST_DATABASE_URL) {
    if (env.CI || (await canConnect('127.0.0.1', 5432))) {
      env.TINYSTACK_TEST_DATABASE_URL = DEFAULT_TEST_DATABASE_URL;
    } else {
      log(
        'no PostgreSQL on 127.0.0.1:5432 (node tools/bootstrap.mjs test starts one): PostgreSQL halves skip',
      );
    }
  }
  if (!env.TINYSTACK_TEST_S3_ENDPOINT) {
    Object.assign(env, await startS3());
  }
  return env;
}

const S3_SCRIPT = join(root, 'apps/object-store/test-support/start-s3.sh');

/** A port nothing listens on, with the next `count - 1` ports free too (Swift's servers take consecutive ones). */
async function freePorts(count) {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) {
      ok = !(await canConnect('127.0.0.1', p)) && (await canListen(p));
    }
    if (ok) {
      return base;
    }
  }
}

function canListen(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Starts the S3 server the S3 blob-store tests run against (OpenStack Swift with s3api,
 * from Debian's packages) when it is installed and we are root; returns the variables
 * that point the tests at it. Without it, the S3 halves skip (and fail under CI).
 */
async function startS3() {
  const haveSwift = spawnSync('sh', ['-c', 'command -v swift-proxy-server'], { stdio: 'ignore' }).status === 0;
  if (!haveSwift || process.getuid?.() !== 0) {
    log('no OpenStack Swift to serve S3 (root and the swift-* packages are needed): S3 tests skip');
    return {};
  }
  // its own directory and ports, so runs side by side never stop each other's server
  const dir = mkdtempSync(join(tmpdir(), 'tinystack-test-s3-'));
  const base = await freePorts(4);
  const r = spawnSync('bash', [S3_SCRIPT, dir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TINYSTACK_S3_PORT: String(base + 3), TINYSTACK_S3_BASE_PORT: String(base) },
  });
  if (r.status !== 0) {
    log(`could not start the S3 server for the tests: ${(r.stderr || r.stdout).trim()}`);
    return {};
  }
  process.on('exit', () => {
    spawnSync('bash', [S3_SCRIPT, '--stop', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  const vars = {};
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) {
    vars[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  log(`S3 tests run against ${vars.TINYSTACK_TEST_S3_SERVER ?? 'an S3 server'} at ${vars.TINYSTACK_TEST_S3_ENDPOINT}`);
  return vars;
}

/** Counts from the summary a TAP reporter writes last (`# pass 3`, ...). */
function tapCounts(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const last = (key) => {
    const all = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const pass = last('pass');
  if (pass === null) {
    return null;
  }
  return {
    passed: pass,
    failed: (last('fail') ?? 0) + (last('cancelled') ?? 0),
    skipped: (last('skipped') ?? 0) + (last('todo') ?? 0),
  };
}

/** Test files the runner cancelled as a whole because they outlived --test-timeout. */
function timedOutFiles(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const out = [];
  for (const m of text.matchAll(/^not ok \d+ - (\S+\.m?js)\n((?:[ \t].*\n)*)/gm)) {
    if (m[2].includes("failureType: 'testTimeoutFailure'")) {
      out.push(relative(root, m[1]));
    }
  }
  return out;
}

async function runPhase(label, files, { concurrency, timeoutMs, env, name, tmp }) {
  const tap = join(tmp, `${label.replace(/\W+/g, '-')}.tap`);
  const args = [
    '--test',
    `--test-concurrency=${concurrency}`,
    `--test-timeout=${timeoutMs}`,
    ...(name ? [`--test-name-pattern=${name}`] : []),
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ];
  log(`${label}: ${files.length} file(s), ${concurrency} at a time`);
  const t0 = Date.now();
  const killed = [];
  const status = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    // A file that ignores the runner's SIGTERM at the timeout would hang the run: killed
    // a minute later (tools/lib/watchdog.mjs).
    const stopWatchdog = startWatchdog(child.pid, timeoutMs + MINUTE, {
      onKill: ({ command, ageMs }) => {
        const file = command.split(' ').find((a) => /\.test\.m?js$|\.e2e\.js$/.test(a)) ?? command;
        killed.push(relative(root, file));
        log(`${label}: ${relative(root, file)} still running ${(ageMs / MINUTE).toFixed(1)} min after it started; killed (SIGKILL, with its children)`);
      },
    });
    child.once('error', (err) => {
      stopWatchdog();
      console.error(err);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      stopWatchdog();
      resolve(code ?? signal);
    });
  });
  const counts = tapCounts(tap) ?? { passed: 0, failed: 0, skipped: 0 };
  if (status !== 0 && counts.failed === 0) {
    log(
      `${label}: the test runner exited with ${status} without reporting a failure; counting 1 failure`,
    );
    counts.failed = 1;
  }
  // each file the watchdog killed is a failure, whatever the runner made of it
  counts.failed = Math.max(counts.failed, killed.length);
  const stuck = timedOutFiles(tap);
  if (stuck.length) {
    log(
      `${label}: timed out as a whole (after ${timeoutMs / MINUTE} min): ${stuck.join(', ')}. ` +
        'When its tests passed, the file left something open (a server, a client, a timer): ' +
        'close it in after().',
    );
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  log(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${secs}s)`,
  );
  return counts;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
    if (o.help) {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\nimport ')[0]
          .replace(/^#!.*\n/, ''),
      );
      return 0;
    }
    o.projectDirs = selectProjects(o.projects);
  } catch (err) {
    console.error(`run-tests: ${err instanceof Error ? err.message : err}`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  if (o.build && !build(o.projects.length ? o.projectDirs : [])) {
    log('build failed: no tests run');
    total.failed = 1;
  } else {
    const phases = discover(o.projectDirs, o);
    const env = await testEnv();
    const tmp = mkdtempSync(join(tmpdir(), 'tinystack-tests-'));
    process.on('SIGINT', () => log('interrupted; waiting for the test runner to stop'));
    try {
      const plan = [
        ['small+medium', phases.unit, { concurrency: 2, timeoutMs: 5 * MINUTE }],
        ['e2e', phases.e2e, { concurrency: Number(process.env.TINYSTACK_E2E_CONCURRENCY ?? 2), timeoutMs: 20 * MINUTE }],
      ];
      if (plan.every(([, files]) => files.length === 0)) {
        log('no test files found');
      }
      for (const [label, files, opts] of plan) {
        if (files.length === 0) {
          continue;
        }
        const c = await runPhase(label, files, { ...opts, env, name: o.name, tmp });
        for (const k of Object.keys(total)) {
          total[k] += c[k];
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
  console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
