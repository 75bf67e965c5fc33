// Medium test: the real process (`node dist/main.js`): config errors, readiness, logs, SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { freePort, tempDir } from '@tinystack/testing';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));
const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((c) => c()));

function run(env: Record<string, string>): {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [MAIN], {
    env, // no PATH: node is started by absolute path and identity runs no other program
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  cleanups.push(() => child.kill('SIGKILL'));
  return { child, out: () => out, err: () => err, exited };
}

test('a configuration error is reported with every problem, without secrets, exit 2', async () => {
  const p = run({ IDENTITY_HTTP_PORT: 'abc', TINYSTACK_SERVICE_PASSWORD: 'hunter2-service' });
  assert.equal(await p.exited, 2);
  assert.match(p.err(), /IDENTITY_HTTP_PORT="abc"/);
  assert.match(p.err(), /TINYSTACK_ADMIN_PASSWORD: is required/);
  assert.doesNotMatch(p.err(), /hunter2/);
});

test('starts, turns healthy, keeps secrets out of its logs and stops on SIGTERM', async () => {
  const dir = tempDir('identity-main-');
  cleanups.push(dir.cleanup);
  const http = await freePort();
  const grpc = await freePort();
  const p = run({
    TINYSTACK_DATA_DIR: dir.path,
    TINYSTACK_ADMIN_PASSWORD: 'Adm1n-pass-word',
    TINYSTACK_SERVICE_PASSWORD: 'Serv1ce-pass-word',
    IDENTITY_HTTP_PORT: String(http),
    IDENTITY_GRPC_PORT: String(grpc),
  });
  const base = `http://127.0.0.1:${http}`;
  let health: Response | undefined;
  for (let i = 0; i < 150 && health?.status !== 200; i++) {
    health = await fetch(`${base}/healthz`).catch(() => undefined);
    if (health?.status !== 200) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.equal(health?.status, 200, p.out() + p.err());
  assert.equal(((await health?.json()) as { status: string }).status, 'ok');

  const auth = (password: string) =>
    fetch(`${base}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'admin', domain: { id: 'default' }, password } },
          },
        },
      }),
    });
  assert.equal((await auth('Wrong-pass-word')).status, 401);
  const ok = await auth('Adm1n-pass-word');
  assert.equal(ok.status, 201);
  const token = ok.headers.get('x-subject-token') ?? '';
  await fetch(`${base}/v3/auth/tokens`, {
    headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
  });

  p.child.kill('SIGTERM');
  const code = await Promise.race([
    p.exited,
    new Promise((r) => setTimeout(() => r('timeout'), 10_000)),
  ]);
  assert.notEqual(code, 'timeout', 'exits after SIGTERM');
  const logs = p.out();
  const lines = logs
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(lines.some((l) => l['msg'] === 'identity ready'));
  assert.ok(lines.some((l) => l['msg'] === 'login failed' && typeof l['request_id'] === 'string'));
  for (const secret of [
    'Adm1n-pass-word',
    'Wrong-pass-word',
    'Serv1ce-pass-word',
    token.slice(20, 60),
  ]) {
    assert.ok(!logs.includes(secret), `logs must not contain ${secret.slice(0, 6)}…`);
  }
  await assert.rejects(fetch(`${base}/healthz`), 'HTTP is closed');
});
