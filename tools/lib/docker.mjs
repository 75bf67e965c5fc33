// The Docker engine for the compose e2e suite (e2e/src/compose, deploy/docker-compose.yml).
// Node built-ins only: bootstrap.mjs uses it before node_modules exists.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { capture, isRoot, makeLog, root, which } from './proc.mjs';

const log = makeLog('bootstrap');

/** The engine's version when `docker info` answers, else null. */
export function dockerEngineVersion() {
  if (!which('docker')) {
    return null;
  }
  const r = capture('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 30_000 });
  return r.ok && r.out.trim() ? r.out.trim() : null;
}

/**
 * Starts dockerd (root only, detached, logging to .tinystack/dockerd.log) when it is
 * installed and no engine answers; waits up to 60 s for it. Never fails: without an engine
 * the compose e2e skips and says so.
 */
export async function ensureDocker() {
  let version = dockerEngineVersion();
  if (version) {
    log(`docker: engine ${version} answers`);
    return;
  }
  const dockerd = which('dockerd');
  if (!dockerd) {
    log('docker: no dockerd installed; the compose e2e (e2e/src/compose) will skip');
    return;
  }
  if (!isRoot) {
    log.warn('docker: no engine answers (start it: sudo dockerd &); the compose e2e will skip');
    return;
  }
  const dir = join(root, '.tinystack');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'dockerd.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(dockerd, [], { detached: true, stdio: ['ignore', fd, fd], cwd: '/' });
  child.unref();
  closeSync(fd);
  for (let i = 0; i < 60 && !version; i++) {
    await sleep(1000);
    version = dockerEngineVersion();
  }
  if (version) {
    log(`docker: started dockerd (pid ${child.pid}), engine ${version}; log ${logFile}`);
  } else {
    log.warn(`docker: dockerd did not answer within 60 s (see ${logFile}); the compose e2e will skip`);
  }
}
