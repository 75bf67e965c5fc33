// npm run bench -- identity: token issue paths, REST validation and local verification.
// Starts `node dist/main.js` (a separate process, so load generation and service do not share
// an event loop) on free ports of 127.0.0.1 with a temporary data directory, then measures
// each path for BENCH_SECONDS (default 5) at concurrency 4.
import { spawn } from 'node:child_process';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GrpcKeySource, TokenVerifier, createIdentityClient } from '@tinystack/auth';
import { freePort, tempDir } from '@tinystack/testing';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../users/password-hasher.js';
import { load, percentile, type HttpCall, type LoadResult } from './load.js';

const CONCURRENCY = 4;
const MS = Number(process.env['BENCH_SECONDS'] ?? 5) * 1000;
const ADMIN_PASSWORD = 'bench-Admin-1';
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms${r.errors ? `   (${r.errors} errors)` : ''}`;

interface Service {
  readonly port: number;
  readonly grpc: number;
  /** CPU time (ms) the service process has used so far (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** utime + stime of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function startService(): Promise<Service> {
  const dir = tempDir('identity-bench-');
  const [port, grpc] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      TINYSTACK_DATA_DIR: dir.path,
      TINYSTACK_LOG_LEVEL: 'warn',
      TINYSTACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TINYSTACK_SERVICE_PASSWORD: 'bench-Service-1',
      IDENTITY_HTTP_PORT: String(port),
      IDENTITY_GRPC_PORT: String(grpc),
      IDENTITY_LOCKOUT_FAILURES: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    dir.cleanup();
  };
  return { port, grpc, stop, cpuMs: () => processCpuMs(child.pid ?? 0) };
}

async function api(port: number, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => undefined)) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { status: res.status, token: res.headers.get('x-subject-token') ?? '', json };
}

const passwordBody = (scope: unknown) =>
  JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD } },
      },
      scope,
    },
  });

/**
 * The cost of the password hash alone (argon2id verify, same parameters, same concurrency),
 * to tell the issue path's own cost from the hash's.
 */
async function hashCost(concurrency = CONCURRENCY): Promise<{ p50: number; cpu: number }> {
  const phc = await hashPassword('x');
  await burnPasswordCheck('warm');
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const end = performance.now() + Math.min(MS, 3000);
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await verifyPassword(phc, 'x');
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), cpu: (cpu.user + cpu.system) / 1000 / times.length };
}

/**
 * The ceiling for distinct tokens: node's own ES256 verify (one `crypto.verify`, key imported
 * once, IEEE P1363 signature), on one thread, over the same tokens.
 */
async function rawEs256(keys: Map<string, string>, tokens: string[]): Promise<number> {
  const imported = new Map([...keys].map(([kid, pem]) => [kid, createPublicKey(pem)]));
  const parts = tokens.map((t) => {
    const kid = (
      JSON.parse(Buffer.from(t.split('.')[0] ?? '', 'base64url').toString()) as {
        kid: string;
      }
    ).kid;
    const key = imported.get(kid);
    if (!key) {
      throw new Error(`no public key ${kid}`);
    }
    const cut = t.lastIndexOf('.');
    return {
      data: Buffer.from(t.slice(0, cut)),
      sig: Buffer.from(t.slice(cut + 1), 'base64url'),
      key: { key, dsaEncoding: 'ieee-p1363' as const },
    };
  });
  let n = 0;
  const t0 = performance.now();
  const end = t0 + Math.min(MS, 3000);
  while (performance.now() < end) {
    for (let k = 0; k < 100; k++, n++) {
      const p = parts[n % parts.length];
      if (!p || !cryptoVerify('sha256', p.data, p.key, p.sig)) {
        throw new Error('raw ES256 verify failed');
      }
    }
  }
  await Promise.resolve();
  return (n * 1000) / (performance.now() - t0);
}

async function verifications(
  grpcPort: number,
  tokens: string[],
): Promise<{ cached: number; uncached: number; raw: number }> {
  const { client, channel } = createIdentityClient(`127.0.0.1:${grpcPort}`);
  const keySource = new GrpcKeySource(client);
  // cacheSize 10 < 200 distinct tokens: every verification of the second run is a first sight.
  const verifier = new TokenVerifier({ keySource, cacheSize: 10 });
  await verifier.refreshKeys();
  const run = async (pick: (i: number) => string, ms: number) => {
    let n = 0;
    const end = performance.now() + ms;
    const t0 = performance.now();
    while (performance.now() < end) {
      for (let k = 0; k < 100; k++, n++) {
        await verifier.verify(pick(n));
      }
    }
    return (n * 1000) / (performance.now() - t0);
  };
  const hot = tokens[0];
  const cached = await run(() => hot, Math.min(MS, 3000));
  const uncached = await run((i) => tokens[i % tokens.length], Math.min(MS, 3000));
  const raw = await rawEs256(await keySource.fetchKeys(), tokens);
  channel.close();
  return { cached, uncached, raw };
}

interface Fixtures {
  readonly scoped: string;
  readonly unscoped: string;
  readonly cred: { id: string; secret: string };
}

async function fixtures(port: number): Promise<Fixtures> {
  const scope = { project: { name: 'admin', domain: { id: 'default' } } };
  const scoped = (await api(port, 'POST', '/v3/auth/tokens', JSON.parse(passwordBody(scope))))
    .token;
  const unscoped = (
    await api(port, 'POST', '/v3/auth/tokens', JSON.parse(passwordBody('unscoped')))
  ).token;
  const users = (await api(port, 'GET', '/v3/users?name=admin', undefined, scoped)).json?.[
    'users'
  ] as Array<{ id: string }>;
  const body = { application_credential: { name: 'bench' } };
  const created = await api(
    port,
    'POST',
    `/v3/users/${users[0]?.id}/application_credentials`,
    body,
    scoped,
  );
  return {
    scoped,
    unscoped,
    cred: created.json?.['application_credential'] as { id: string; secret: string },
  };
}

/**
 * Run one load measurement and print it with the CPU it cost per request, in the service and
 * in this load generator (they share the machine's CPUs: their sum bounds the rate).
 */
async function measure(
  svc: Service,
  label: string,
  call: () => HttpCall,
  concurrency = CONCURRENCY,
): Promise<LoadResult & { serviceCpu: number }> {
  const cpu0 = svc.cpuMs();
  const own0 = process.cpuUsage();
  const r = await load(svc.port, call, { concurrency, ms: MS });
  const n = Math.max(1, r.requests);
  const own = process.cpuUsage(own0);
  const cpuPerReq = (svc.cpuMs() - cpu0) / n;
  const loadPerReq = (own.user + own.system) / 1000 / n;
  console.log(
    `${label.padEnd(32)}${fmt(r)}   service CPU ${cpuPerReq.toFixed(2)} ms/req, load generator ${loadPerReq.toFixed(2)}`,
  );
  return { ...r, serviceCpu: cpuPerReq };
}

const issue = (body: unknown): (() => HttpCall) => {
  const text = JSON.stringify(body);
  return () => ({ method: 'POST', path: '/v3/auth/tokens?nocatalog', body: text, expect: 201 });
};

async function runAll(svc: Service, f: Fixtures): Promise<void> {
  const scope = { project: { name: 'admin', domain: { id: 'default' } } };
  const hash = await hashCost();
  const pw = await measure(
    svc,
    'password-auth token issue',
    issue(JSON.parse(passwordBody(scope))),
  );
  console.log(
    `  argon2id verify alone, c=${CONCURRENCY}: p50 ${hash.p50.toFixed(2)} ms, CPU ${hash.cpu.toFixed(2)} ms -> the issue path adds ≈ ${(pw.p50 - hash.p50).toFixed(2)} ms at p50, ${(pw.serviceCpu - hash.cpu).toFixed(2)} ms of service CPU beyond the hash (the rest of the p50 gap is waiting for a CPU)`,
  );
  // One at a time, the hash has a CPU to itself: the p50 difference is the path's own cost.
  const pw1 = await measure(svc, 'password-auth token issue, c=1', issue(JSON.parse(passwordBody(scope))), 1);
  const hash1 = await hashCost(1);
  console.log(`  argon2id verify alone, c=1: p50 ${hash1.p50.toFixed(2)} ms -> the issue path adds ${(pw1.p50 - hash1.p50).toFixed(2)} ms at p50`);
  await measure(
    svc,
    'token-method token issue',
    issue({ auth: { identity: { methods: ['token'], token: { id: f.unscoped } }, scope } }),
  );
  const ac = {
    methods: ['application_credential'],
    application_credential: { id: f.cred.id, secret: f.cred.secret },
  };
  await measure(svc, 'app-credential token issue', issue({ auth: { identity: ac } }));
  const headers = { 'X-Auth-Token': f.scoped, 'X-Subject-Token': f.scoped };
  await measure(svc, 'REST validation (GET tokens)', () => ({
    method: 'GET',
    path: '/v3/auth/tokens',
    headers,
    expect: 200,
  }));
  const tokens: string[] = [];
  for (let i = 0; i < 200; i++) {
    const body = { auth: { identity: { methods: ['token'], token: { id: f.unscoped } }, scope } };
    tokens.push((await api(svc.port, 'POST', '/v3/auth/tokens?nocatalog', body)).token);
  }
  const v = await verifications(svc.grpc, tokens);
  console.log(
    `local verification (libs/auth)  ${v.cached.toFixed(0).padStart(8)} verifications/s (repeat token, cached)`,
  );
  console.log(
    `${''.padEnd(32)}${v.uncached.toFixed(0).padStart(8)} verifications/s (distinct tokens, ES256 check each)`,
  );
  console.log(
    `${''.padEnd(32)}${v.raw.toFixed(0).padStart(8)} verifications/s (node crypto.verify ES256 alone, pre-imported key, one thread: the ceiling of the line above)`,
  );
}

async function main(): Promise<void> {
  const svc = await startService();
  try {
    const f = await fixtures(svc.port);
    console.log(
      `identity benchmark: concurrency ${CONCURRENCY}, ${MS / 1000} s per measurement, 127.0.0.1, ` +
        `${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at start`,
    );
    await runAll(svc, f);
    console.log(
      `(load average ${loadavg()[0]?.toFixed(1)} at the end; other processes share these CPUs)`,
    );
  } finally {
    await svc.stop();
  }
}

await main();
