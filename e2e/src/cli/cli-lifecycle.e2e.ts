// The `tinystack` command's lifecycle against a real cloud: status, a refused second up,
// openrc, supervision (a killed service comes back), down, reset, generated passwords
// that survive a restart, and a service that cannot start.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { openstack, startCloud, tinystack, type Cloud } from '../harness/index.js';

interface StatusJson {
  isRunning: boolean;
  isHealthy: boolean;
  phase: string;
  supervisorPid: number;
  services: Array<{
    name: string;
    pid: number;
    httpPort: number;
    grpcPort: number;
    isRunning: boolean;
    health: { ok: boolean };
  }>;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function status(cloud: Cloud): Promise<StatusJson> {
  const r = await tinystack(['status', '--json'], cloud.cliEnv);
  return JSON.parse(r.stdout) as StatusJson;
}

let cloud: Cloud;
before(async () => {
  cloud = await startCloud();
});
after(async () => {
  await cloud?.stop();
});

test('status reports every service healthy, with its pid and ports', async () => {
  const text = await tinystack(['status'], cloud.cliEnv);
  assert.equal(text.code, 0, text.stdout + text.stderr);
  assert.match(text.stdout, new RegExp(`supervisor pid ${cloud.pid}`));
  const json = await status(cloud);
  assert.equal(json.isHealthy, true);
  assert.equal(json.phase, 'ready');
  const identity = json.services.find((s) => s.name === 'identity');
  assert.ok(identity && isAlive(identity.pid), JSON.stringify(json));
  assert.equal(identity.httpPort, cloud.ports.IDENTITY_HTTP_PORT);
  assert.equal(identity.grpcPort, cloud.ports.IDENTITY_GRPC_PORT);
  assert.match(
    text.stdout,
    new RegExp(`identity\\s+pid ${identity.pid}\\s+http ${identity.httpPort}.*healthy`),
  );
  assert.match(
    readFileSync(join(cloud.dataDir, 'logs', 'identity.log'), 'utf8'),
    /^\{.*"level"/m,
    'pino JSON in the log',
  );
});

test('a second up on the same data directory is refused, and the first keeps running', async () => {
  const second = await tinystack(['up'], cloud.cliEnv, 30_000);
  assert.equal(second.code, 1);
  assert.match(
    second.stderr,
    new RegExp(`already running on .* \\(supervisor pid ${cloud.pid}\\)`),
  );
  assert.equal((await status(cloud)).isHealthy, true);
});

test('openrc prints the admin openrc for the ports of this cloud, and its path on stderr', async () => {
  const r = await tinystack(['openrc'], cloud.cliEnv);
  assert.equal(r.code, 0);
  assert.match(
    r.stdout,
    new RegExp(
      `^export OS_AUTH_URL=http://127\\.0\\.0\\.1:${cloud.ports.IDENTITY_HTTP_PORT}/v3$`,
      'm',
    ),
  );
  assert.match(r.stdout, new RegExp(`^export OS_PASSWORD=${cloud.adminPassword}$`, 'm'));
  assert.equal(r.stderr.trim(), join(cloud.dataDir, 'openrc'));
  assert.equal(statSync(join(cloud.dataDir, 'openrc')).mode & 0o777, 0o600);
});

test('reset is refused while the cloud runs', async () => {
  const r = await tinystack(['reset', '--yes'], cloud.cliEnv);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing to reset .*running/);
  assert.ok(existsSync(join(cloud.dataDir, 'identity')), 'identity data is still there');
  assert.equal((await status(cloud)).isHealthy, true);
});

test('a service that is killed is restarted by the supervisor', async () => {
  const before = (await status(cloud)).services.find((s) => s.name === 'identity');
  assert.ok(before);
  process.kill(before.pid, 'SIGKILL');
  const deadline = Date.now() + 60_000;
  let now = await status(cloud);
  while (!(now.isHealthy && now.services[0]?.pid !== before.pid) && Date.now() < deadline) {
    await sleep(500);
    now = await status(cloud);
  }
  const identity = now.services.find((s) => s.name === 'identity');
  assert.ok(
    identity && identity.pid !== before.pid && now.isHealthy,
    JSON.stringify(now) + cloud.output(),
  );
  assert.match(cloud.output(), /identity \(pid \d+\) exited unexpectedly \(signal SIGKILL\)/);
  assert.ok(await openstack(['token', 'issue'], cloud.env), 'identity works again');
});

test('down stops the cloud: up exits 0, the services are gone, status says so', async () => {
  const pids = (await status(cloud)).services.map((s) => s.pid);
  const r = await tinystack(['down'], cloud.cliEnv);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(await cloud.exited, { code: 0, signal: null });
  assert.ok(
    pids.every((pid) => !isAlive(pid)),
    `still alive: ${pids.filter(isAlive).join(', ')}`,
  );
  assert.equal(existsSync(join(cloud.dataDir, 'run', 'cloud.json')), false);
  await assert.rejects(fetch(`http://127.0.0.1:${cloud.ports.IDENTITY_HTTP_PORT}/healthz`));
  const after = await tinystack(['status'], cloud.cliEnv);
  assert.equal(after.code, 1);
  assert.match(after.stdout, /not running/);
  assert.equal((await tinystack(['down'], cloud.cliEnv)).code, 0, 'down again is harmless');
});

test('reset wipes the data directory (no confirmation when stdin is not a terminal)', async () => {
  assert.ok(
    existsSync(join(cloud.dataDir, 'admin-password')) || existsSync(join(cloud.dataDir, 'openrc')),
  );
  const r = await tinystack(['reset'], cloud.cliEnv);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(cloud.dataDir), false);
});

test('a generated admin password is kept (mode 600) and, with the data, survives a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinystack-e2e-keep-'));
  try {
    const first = await startCloud({ dataDir, adminPassword: null, keepDataDir: true });
    const file = join(dataDir, 'admin-password');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8').trim(), first.adminPassword);
    assert.ok(first.adminPassword.length >= 20);
    assert.equal(statSync(join(dataDir, 'service-password')).mode & 0o777, 0o600);
    const kept = await openstack<{ id: string }>(['project', 'create', 'kept'], first.env);
    await first.stop();

    const second = await startCloud({ dataDir, adminPassword: null, keepDataDir: true });
    try {
      assert.equal(second.adminPassword, first.adminPassword);
      assert.equal(
        (await openstack<{ id: string }>(['project', 'show', 'kept'], second.env)).id,
        kept.id,
      );
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a service that dies during start-up fails up, with its last log lines', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinystack-e2e-broken-'));
  try {
    writeFileSync(join(dataDir, 'identity'), 'a file where identity wants its directory');
    const env = { ...cloud.cliEnv, TINYSTACK_DATA_DIR: dataDir };
    const r = await tinystack(['up'], env, 120_000);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /identity failed to start: exited during start-up/);
    assert.match(r.stderr, /last log lines:\n {2}\| /);
    assert.equal(existsSync(join(dataDir, 'run', 'cloud.json')), false);
    assert.equal((await tinystack(['status'], env)).code, 1);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
