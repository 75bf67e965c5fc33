#!/usr/bin/env node
// First step of `npm start` and `npm test`; safe to run any number of times.
//
//   node tools/bootstrap.mjs start|test [--apt-updated] [--no-build]
//
// 1. Debian/Ubuntu packages from tools/system-packages.mjs: installed with apt-get when
//    root (apt-get update runs once, only when something is missing, and not at all with
//    --apt-updated); otherwise the missing ones are listed and we carry on.
// 2. node_modules: `npm ci` when it is missing or older than package-lock.json.
// 3. test only: PostgreSQL on 127.0.0.1:5432 with a role tinystack/tinystack CREATEDB
//    (tools/lib/postgres.mjs), which run-tests.mjs gives tests as TINYSTACK_TEST_DATABASE_URL.
// 4. libvirt: starts virtlogd and libvirtd (root only) when installed and not running.
//    test only: the Docker engine (tools/lib/docker.mjs) for the compose e2e, when installed.
// 5. `tsc -b` at the root (and any project the root tsconfig.json forgot, with a warning).
// Uses node built-ins only: it runs before node_modules exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDocker } from './lib/docker.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { capture, Fatal, isRoot, makeLog, pidsOf, root, run, which } from './lib/proc.mjs';
import { buildTargets } from './lib/projects.mjs';
import { systemPackagesFor } from './system-packages.mjs';

const log = makeLog('bootstrap');
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const APT_OPTS = ['-q', '-o', 'DPkg::Lock::Timeout=600', '-o', 'Dpkg::Use-Pty=0'];

// ---------------------------------------------------------------- 1. system packages

function missingPackages(pkgs) {
  const r = capture('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...pkgs]);
  const installed = new Set(
    r.out
      .split('\n')
      .filter((l) => l.endsWith(' install ok installed'))
      .map((l) => l.split(' ')[0]),
  );
  return pkgs.filter((p) => !installed.has(p));
}

/** Waits (up to 15 minutes) while another apt or dpkg runs, instead of failing on its lock. */
async function waitForOtherApt() {
  const deadline = Date.now() + 15 * 60_000;
  let busy = pidsOf(['apt', 'apt-get', 'dpkg']);
  if (busy.length) {
    log(`waiting for another apt/dpkg (pid ${busy.join(', ')}) to finish...`);
  }
  while (busy.length) {
    if (Date.now() > deadline) {
      throw new Fatal(`apt/dpkg (pid ${busy.join(', ')}) still busy after 15 minutes`);
    }
    await sleep(2000);
    busy = pidsOf(['apt', 'apt-get', 'dpkg']);
  }
}

async function ensureSystemPackages(mode, { aptUpdated }) {
  const wanted = systemPackagesFor(mode);
  if (!existsSync('/etc/debian_version') || !which('dpkg-query') || !which('apt-get')) {
    log.warn(
      `not Debian/Ubuntu: make sure the equivalents of these are installed: ${wanted.join(' ')}`,
    );
    return;
  }
  const missing = missingPackages(wanted);
  if (missing.length === 0) {
    log(`system packages: all ${wanted.length} installed`);
    return;
  }
  if (!isRoot) {
    const cmd = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
    log.warn(`missing Debian packages: ${missing.join(' ')}\n    install them with: ${cmd}`);
    return;
  }
  log(`installing ${missing.length} Debian package(s): ${missing.join(' ')}`);
  await waitForOtherApt();
  if (!aptUpdated) {
    run('apt-get', [...APT_OPTS, 'update'], { env: APT_ENV });
  }
  await waitForOtherApt();
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  run('apt-get', [...APT_OPTS, ...install], { env: APT_ENV });
  const still = missingPackages(wanted);
  if (still.length) {
    throw new Fatal(`still not installed after apt-get: ${still.join(' ')}`);
  }
  log(`system packages: installed ${missing.join(' ')}`);
}

// ---------------------------------------------------------------- 2. node_modules

const mtime = (p) => statSync(p).mtimeMs;

/** True when every package pinned by package-lock.json is installed at that version. */
function lockMatchesInstalled(lockPath, hiddenPath) {
  try {
    const want = JSON.parse(readFileSync(lockPath, 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(hiddenPath, 'utf8')).packages ?? {};
    return Object.entries(want).every(([key, w]) => {
      const h = have[key];
      if (!key.startsWith('node_modules/')) {
        return true;
      } else if (!h) {
        return Boolean(w.optional || w.devOptional); // e.g. another platform's binary
      }
      return w.link ? h.resolved === w.resolved : h.version === w.version;
    });
  } catch {
    return false;
  }
}

/** Why node_modules must be (re)installed, or null when it is up to date. */
function staleNodeModules() {
  const nm = join(root, 'node_modules');
  const lock = join(root, 'package-lock.json');
  const hidden = join(nm, '.package-lock.json'); // npm rewrites it on every install
  if (!existsSync(nm)) {
    return 'node_modules is missing';
  }
  if (!existsSync(lock)) {
    return mtime(join(root, 'package.json')) > mtime(nm) ? 'package.json is newer' : null;
  }
  const installedAt = existsSync(hidden) ? mtime(hidden) : mtime(nm);
  // A newer lock with the same pins (a checkout, a touch) needs no reinstall.
  if (mtime(lock) > installedAt && !lockMatchesInstalled(lock, hidden)) {
    return 'package-lock.json is newer than node_modules';
  }
  return null;
}

function ensureNodeModules() {
  const reason = staleNodeModules();
  if (!reason) {
    log('node_modules: up to date');
    return;
  }
  const verb = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  log(`${reason}: running npm ${verb}`);
  run('npm', [verb, '--no-audit', '--no-fund']);
}

// ---------------------------------------------------------------- 3. PostgreSQL: lib/postgres.mjs
// ---------------------------------------------------------------- 4. libvirt

/**
 * Without udev (no systemd here) /dev/kvm stays root-only, and libvirt's qemu user then
 * cannot use it: libvirt re-probes QEMU on every call (seconds each). Give it Debian's
 * udev rule's ownership: group kvm, mode 0660.
 */
function ensureKvmAccess() {
  if (!isRoot || !existsSync('/dev/kvm')) {
    return;
  }
  const r = capture('chgrp', ['kvm', '/dev/kvm']);
  const m = capture('chmod', ['0660', '/dev/kvm']);
  if (!r.ok || !m.ok) {
    log.warn(`could not give group kvm access to /dev/kvm: ${(r.err + m.err).trim()}`);
  }
}

async function ensureLibvirt() {
  if (!which('libvirtd')) {
    log('libvirt: not installed, skipped');
    return;
  }
  ensureKvmAccess();
  const need = [];
  if (pidsOf(['virtlogd']).length === 0) {
    need.push('virtlogd');
  }
  if (pidsOf(['libvirtd', 'virtqemud']).length === 0) {
    need.push('libvirtd');
  }
  if (need.length === 0) {
    log('libvirt: daemons running');
    return;
  }
  if (!isRoot) {
    const how = need.map((d) => `sudo ${d} -d`).join('; ');
    log.warn(`libvirt: ${need.join(' and ')} not running (start: ${how})`);
    return;
  }
  for (const daemon of need) {
    const r = capture(which(daemon) ?? daemon, ['-d'], { cwd: '/' });
    if (!r.ok) {
      log.warn(`could not start ${daemon}: ${r.err.trim()}`);
    }
  }
  for (let i = 0; i < 40 && !existsSync('/run/libvirt/libvirt-sock'); i++) {
    await sleep(250);
  }
  log(`libvirt: started ${need.join(', ')}`);
}

// ---------------------------------------------------------------- 5. build

function build() {
  const tsc = join(root, 'node_modules/.bin/tsc');
  if (!existsSync(tsc)) {
    throw new Fatal('node_modules/.bin/tsc is missing; did npm ci fail?');
  }
  const t0 = Date.now();
  const targets = buildTargets(log);
  log(`building (tsc -b ${targets.join(' ')})...`);
  run(tsc, ['-b', ...targets]);
  buildDashboard();
  log(`build: done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Newest modification time (ms) of any file below `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The dashboard is a Next.js app: after tsc, `next build` and the entry writer (the same
 * steps as `nx run dashboard:build`). Skipped while the Next build is newer than its sources.
 */
function buildDashboard() {
  const app = join(root, 'apps/dashboard');
  if (!existsSync(join(app, 'next.config.ts'))) {
    return;
  }
  const buildId = join(app, '.next/BUILD_ID');
  const entry = join(app, 'dist/main.js');
  if (existsSync(buildId) && existsSync(entry) && statSync(buildId).mtimeMs > newestMtime(join(app, 'src'))) {
    log('dashboard: Next.js build is up to date');
    return;
  }
  log('dashboard: next build...');
  run(join(root, 'node_modules/.bin/next'), ['build', app]);
  run(process.execPath, [join(app, 'scripts/write-entry.mjs')]);
}

// ---------------------------------------------------------------- main

async function main(argv) {
  const mode = argv.find((a) => !a.startsWith('-'));
  if (mode !== 'start' && mode !== 'test') {
    console.error('usage: node tools/bootstrap.mjs start|test [--apt-updated] [--no-build]');
    return 2;
  }
  const t0 = Date.now();
  await ensureSystemPackages(mode, { aptUpdated: argv.includes('--apt-updated') });
  ensureNodeModules();
  if (mode === 'test') {
    await ensurePostgres();
  }
  await ensureLibvirt();
  if (mode === 'test') {
    await ensureDocker();
  }
  if (!argv.includes('--no-build')) {
    build();
  }
  log(`ready for ${mode} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof Fatal)) {
    throw err;
  }
  console.error(`bootstrap: error: ${err.message}`);
  process.exitCode = 1;
}
