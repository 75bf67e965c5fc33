import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import {
  claimState,
  readState,
  removeState,
  writeState,
  type CloudState,
} from './cloud-state.store.js';
import { processStartTime } from './process.util.js';

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinystack-state-'));
  file = join(dir, 'run', 'cloud.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const state = (pid: number, startTime: string | null): CloudState => ({
  version: 1,
  phase: 'starting',
  supervisorPid: pid,
  supervisorStartTime: startTime,
  startedAt: '2025-01-01T00:00:00.000Z',
  dataDir: dir,
  host: '127.0.0.1',
  openrc: join(dir, 'openrc'),
  services: [],
});

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

test('the first claim creates the state file, private to the user', () => {
  const mine = state(process.pid, processStartTime(process.pid));
  assert.deepEqual(claimState(file, mine), { ok: true });
  assert.deepEqual(readState(file), mine);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('a second claim is refused while the first supervisor lives', () => {
  const mine = state(process.pid, processStartTime(process.pid));
  claimState(file, mine);
  const again = claimState(file, state(process.pid + 1, null));
  assert.equal(again.ok, false);
  assert.ok('running' in again);
  assert.equal(again.running.supervisorPid, process.pid);
});

test('a state file left by a dead supervisor is reported stale', () => {
  claimState(file, state(deadPid(), null));
  const result = claimState(file, state(process.pid, null));
  assert.ok(!result.ok && 'stale' in result);
});

test('a reused pid (same pid, other start time) is not mistaken for the supervisor', () => {
  claimState(file, state(process.pid, 'not-the-real-start-time'));
  const result = claimState(file, state(process.pid, null));
  assert.ok(!result.ok && 'stale' in result);
});

test('writeState replaces the content; removeState deletes it; garbage reads as none', () => {
  claimState(file, state(process.pid, null));
  writeState(file, { ...state(process.pid, null), phase: 'ready' });
  assert.equal(readState(file)?.phase, 'ready');
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as CloudState).phase, 'ready');
  removeState(file);
  assert.equal(readState(file), null);
  writeFileSync(file, '{not json');
  assert.equal(readState(file), null);
});
