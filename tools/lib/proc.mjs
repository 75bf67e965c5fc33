// Small process helpers for the tools/ scripts. Node built-ins only: bootstrap.mjs uses
// them before node_modules exists.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (with a trailing slash). */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const isRoot = process.getuid?.() === 0;

/** An expected failure: the script prints its message (no stack) and exits 1. */
export class Fatal extends Error {}

/** `log('x')` prints `<prefix>: x`; `log.warn('x')` prints `<prefix>: WARNING: x`. */
export function makeLog(prefix) {
  const log = (msg) => console.log(`${prefix}: ${msg}`);
  log.warn = (msg) => console.log(`${prefix}: WARNING: ${msg}`);
  return log;
}

/** Runs a command with inherited stdio (from the root); throws Fatal when it fails. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) {
    throw new Fatal(`${cmd}: ${r.error.message}`);
  }
  if (r.status !== 0) {
    throw new Fatal(`\`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})`);
  }
}

/** Runs a command quietly; returns { ok, out, err }. */
export function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts });
  return {
    ok: !r.error && r.status === 0,
    out: r.stdout ?? '',
    err: r.stderr || r.error?.message || '',
  };
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of a command on PATH (or in the sbin directories), or null. */
export function which(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.map((d) => join(d, name)).find(isFile) ?? null;
}

/** pids of the running processes whose name (/proc/<pid>/comm) is one of names. */
export function pidsOf(names) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (names.includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim())) {
        pids.push(Number(pid));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Whether a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
