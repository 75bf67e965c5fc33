// Medium tier: the supervisor against real child processes (a tiny HTTP "service" written
// to a temp project root), real ports on 127.0.0.1 and real signals.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { freePort, tempDir } from '@tinystack/testing';
import { CloudSupervisor, type SupervisedSpec } from './cloud.supervisor.js';
import { isAlive } from './process.util.js';
import type { ServiceName } from './services.js';

const FAKE_SERVICE = `
import { createServer } from 'node:http';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
const { FAKE_NAME: name, FAKE_MODE: mode = 'ok', FAKE_EVENTS: events, FAKE_CRASH_ONCE: once } = process.env;
console.log(JSON.stringify({ level: 30, msg: 'starting ' + name, pid: process.pid, execArgv: process.execArgv }));
if (mode === 'die') { console.error('fatal: cannot open the database'); process.exit(3); }
const srv = createServer((req, res) => { res.statusCode = mode === 'unhealthy' ? 503 : 200; res.end('{}'); });
srv.listen(Number(process.env.FAKE_PORT), '127.0.0.1');
if (once && !existsSync(once)) { writeFileSync(once, 'x'); setTimeout(() => process.exit(7), 300); }
process.on('SIGTERM', () => {
  appendFileSync(events, 'stop ' + name + '\\n');
  if (mode !== 'stubborn') { srv.close(); process.exit(0); }
});
`;

let root = '';
let cleanup = () => {};
let lines: string[] = [];
let supervisor: CloudSupervisor | null = null;

beforeEach(() => {
  ({ path: root, cleanup } = tempDir('tinystack-supervisor-'));
  mkdirSync(join(root, 'fake'), { recursive: true });
  writeFileSync(join(root, 'fake', 'main.mjs'), FAKE_SERVICE);
  lines = [];
});

afterEach(async () => {
  supervisor?.killAll();
  await supervisor?.stopAll();
  supervisor = null;
  cleanup();
});

async function spec(name: string, env: Record<string, string> = {}): Promise<SupervisedSpec> {
  const port = await freePort();
  return {
    name: name as ServiceName,
    entry: 'fake/main.mjs',
    env: {
      PATH: process.env.PATH,
      FAKE_NAME: name,
      FAKE_PORT: String(port),
      FAKE_EVENTS: join(root, 'events'),
      ...env,
    },
    logFile: join(root, 'logs', `${name}.log`),
    health: { healthUrl: `http://127.0.0.1:${port}/healthz`, host: '127.0.0.1', tcpPort: null },
  };
}

function make(
  services: SupervisedSpec[],
  opts: { startTimeoutMs?: number; stopTimeoutMs?: number } = {},
) {
  supervisor = new CloudSupervisor({
    root,
    services,
    startTimeoutMs: opts.startTimeoutMs ?? 15_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 5_000,
    onChange: () => {},
    print: (line) => lines.push(line),
  });
  return supervisor;
}

const events = () =>
  existsSync(join(root, 'events')) ? readFileSync(join(root, 'events'), 'utf8') : '';

test('starts each service once the previous is healthy, and stops them in reverse order', async () => {
  const sup = make([await spec('first'), await spec('second')]);
  assert.deepEqual(await sup.startAll(), { kind: 'ready' });
  const pids = sup.snapshot().map((s) => s.pid as number);
  assert.equal(pids.length, 2);
  assert.ok(pids.every((pid) => isAlive(pid)));
  assert.ok(
    lines.indexOf('first is healthy (pid ' + pids[0] + ')') < lines.indexOf('starting second ...'),
  );
  assert.match(readFileSync(join(root, 'logs', 'first.log'), 'utf8'), /"msg":"starting first"/);
  await sup.stopAll();
  assert.equal(events(), 'stop second\nstop first\n');
  assert.ok(pids.every((pid) => !isAlive(pid)));
});

test('a service runs with its node flags', async () => {
  const sup = make([{ ...(await spec('flagged')), nodeFlags: ['--max-old-space-size=96'] }]);
  assert.deepEqual(await sup.startAll(), { kind: 'ready' });
  assert.match(readFileSync(join(root, 'logs', 'flagged.log'), 'utf8'), /"execArgv":\["--max-old-space-size=96"\]/);
  await sup.stopAll();
});

test('a service that dies during start-up fails the start with its last log lines', async () => {
  const sup = make([await spec('first', { FAKE_MODE: 'die' }), await spec('second')]);
  const outcome = await sup.startAll();
  assert.equal(outcome.kind, 'failed');
  assert.ok(outcome.kind === 'failed');
  assert.equal(outcome.service, 'first');
  assert.match(outcome.reason, /exited during start-up \(exit code 3\)/);
  assert.ok(outcome.tail.includes('fatal: cannot open the database'), outcome.tail.join('\n'));
  assert.equal(sup.snapshot()[1]?.pid, null, 'second was never started');
});

test('a service that never gets healthy fails after the start timeout and is killed', async () => {
  const sup = make([await spec('slow', { FAKE_MODE: 'unhealthy' })], { startTimeoutMs: 1500 });
  const outcome = await sup.startAll();
  assert.ok(outcome.kind === 'failed');
  assert.match(outcome.reason, /not healthy after 2s \(last probe: HTTP 503/);
});

test('a service that ignores SIGTERM is killed after the stop timeout', async () => {
  const sup = make([await spec('stubborn', { FAKE_MODE: 'stubborn' })], { stopTimeoutMs: 800 });
  assert.equal((await sup.startAll()).kind, 'ready');
  const pid = sup.snapshot()[0]?.pid as number;
  const t0 = Date.now();
  await sup.stopAll();
  assert.ok(Date.now() - t0 >= 700, 'waited for the timeout first');
  assert.equal(events(), 'stop stubborn\n', 'got SIGTERM first');
  assert.equal(isAlive(pid), false);
  assert.ok(lines.some((l) => /did not stop within 0\.8s: killed/.test(l)));
});

test('a service that crashes after start-up is restarted', async () => {
  const once = join(root, 'crashed-once');
  const sup = make([await spec('flaky', { FAKE_CRASH_ONCE: once })]);
  assert.equal((await sup.startAll()).kind, 'ready');
  const firstPid = sup.snapshot()[0]?.pid;
  const deadline = Date.now() + 10_000;
  let pid = firstPid;
  while ((pid === firstPid || pid === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    pid = sup.snapshot()[0]?.pid ?? null;
  }
  assert.ok(existsSync(once), 'the first run crashed');
  assert.notEqual(pid, firstPid);
  assert.ok(pid !== null && pid !== undefined && isAlive(pid));
  assert.ok(
    lines.some((l) => /flaky \(pid \d+\) exited unexpectedly \(exit code 7\)/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => /restarted flaky/.test(l)));
});

test('a stop requested during start-up interrupts it', async () => {
  const sup = make([await spec('slow', { FAKE_MODE: 'unhealthy' }), await spec('never')]);
  const started = sup.startAll();
  setTimeout(() => sup.requestStop(), 500);
  assert.deepEqual(await started, { kind: 'interrupted' });
  assert.equal(await sup.finished, 0);
  await sup.stopAll();
  assert.equal(sup.snapshot()[1]?.pid, null);
  assert.equal(sup.snapshot()[0]?.pid, null, 'slow was stopped');
});
