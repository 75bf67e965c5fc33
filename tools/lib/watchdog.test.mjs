import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { startWatchdog } from './watchdog.mjs';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A child that ignores SIGTERM (as a Nest app with shutdown hooks and a stuck main thread
// does) and has a child of its own, whose pid it prints.
const STUBBORN = `
process.on('SIGTERM', () => {});
const g = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log(g.pid);
setInterval(() => {}, 1000);
`;

test('a child past its limit is killed with SIGKILL, its own children with it', async () => {
  const child = spawn(process.execPath, ['-e', STUBBORN], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout, 'data');
  const grandchild = Number(String(line).trim());
  assert.ok(alive(grandchild));
  child.kill('SIGTERM'); // what node's test runner sends at --test-timeout: ignored
  const heard = [];
  const stop = startWatchdog(process.pid, 500, { intervalMs: 100, onKill: (k) => heard.push(k) });
  try {
    const [code, signal] = await once(child, 'exit');
    assert.equal(code, null);
    assert.equal(signal, 'SIGKILL');
    for (let i = 0; i < 50 && alive(grandchild); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(alive(grandchild), false, 'the grandchild is killed too');
    assert.equal(heard.length, 1);
    assert.equal(heard[0].pid, child.pid);
    assert.ok(heard[0].ageMs > 500);
    assert.match(heard[0].command, /setInterval/);
  } finally {
    stop();
  }
});

test('a child within its limit is left to finish', async () => {
  const stop = startWatchdog(process.pid, 10_000, { intervalMs: 50 });
  try {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 500)'], { stdio: 'ignore' });
    const [code, signal] = await once(child, 'exit');
    assert.deepEqual([code, signal], [3, null]);
  } finally {
    stop();
  }
});
