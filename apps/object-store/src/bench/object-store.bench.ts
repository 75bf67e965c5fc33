/**
 * `npm run bench -- object-store` (or node apps/object-store/dist/bench/object-store.bench.js):
 * the object-store service as a separate process (filesystem backend, SQLite, durable
 * PUTs) on 127.0.0.1, driven over HTTP. Bounded: every phase has a request count and a
 * time limit, and all traffic stays on loopback.
 *
 *   4 KiB PUT and GET at concurrency 16 (objects/s, p50, p99)
 *   one 256 MiB PUT and GET (MB/s) and the server's peak RSS
 *   listing a container of 10,000 objects
 *   dd (conv=fdatasync) of 256 MiB on the same disk, for comparison: one dd in each of
 *   the three rounds, just before that round's PUT, each ratio taken within its round
 *
 * The 256 MiB transfers use curl when it is installed: the client shares the two CPUs with
 * the server, and undici's chunked upload and body iteration cost more CPU than the server's
 * own streaming (by about half the server's MB/s for GET). Without curl they use undici, and
 * the line says so.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LoadClient, runLoad, tempDir, type LoadResult } from '@tinystack/testing';
import { startServerProcess } from '../testing/server-process.js';
import { startTestIdentity } from '../testing/test-identity.js';

const SMALL = 4096;
const SMALL_COUNT = 10_000;
const BIG = 256 * 1024 * 1024;
const MB = 1_000_000;
/** The node flags and thread pool `tinystack up` gives the service (apps/cli/src/services.ts). */
const SERVER_FLAGS = (process.env['OBJECT_STORE_BENCH_NODE_FLAGS'] ?? '--max-semi-space-size=8 --max-old-space-size=128 --heap-growing-percent=100').split(' ').filter(Boolean);
const SERVER_ENV = { UV_THREADPOOL_SIZE: '16' };

const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0)} objects/s  p50 ${r.p50ms.toFixed(1)} ms  p99 ${r.p99ms.toFixed(1)} ms  (${r.count} in ${r.seconds.toFixed(1)} s, ${r.errors} errors)`;

function rssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Peak RSS per phase: each call reads the peak since the last one, then resets it
 * (/proc/<pid>/clear_refs, 5). `overall` is the largest.
 */
class PhasePeaks {
  private readonly phases: string[] = [];
  overall = 0;

  constructor(private readonly pid: number) {}

  end(phase: string): void {
    const peak = rssMb(this.pid);
    this.overall = Math.max(this.overall, peak);
    this.phases.push(`${phase} ${peak.toFixed(0)}`);
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      // not Linux, or not ours to reset: the next phase's figure includes this one
    }
  }

  summary(): string {
    return `${this.overall.toFixed(0)} MB (per phase: ${this.phases.join(', ')})`;
  }
}

/** The middle value of three figures (NaN without three). */
const median3 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1] ?? NaN;

function ddOnce(dir: string): number {
  try {
    execFileSync('sh', ['-c', `dd if=/dev/zero of=${join(dir, 'dd.tmp')} bs=1M count=256 conv=fdatasync 2> ${join(dir, 'dd.log')}; rm -f ${join(dir, 'dd.tmp')}`]);
    const text = readFileSync(join(dir, 'dd.log'), 'utf8');
    const m = /(\d+) bytes.*copied, ([\d.]+) s/.exec(text);
    return m ? Number(m[1]) / Number(m[2]) / MB : NaN;
  } catch {
    return NaN;
  }
}

function bigBody(): Readable {
  const block = randomBytes(1024 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= BIG) {
        this.push(null);
        return;
      }
      sent += block.length;
      this.push(block);
    },
  });
}

const CURL = ['/usr/bin/curl', '/bin/curl'].find((p) => existsSync(p));

/**
 * Runs curl for one transfer; resolves with the HTTP status, the bytes it received and the
 * seconds the transfer took by curl's own clock (%{time_total}: from the connection to the
 * last byte, without the 10-70 ms of starting the curl process).
 */
function curl(args: string[]): Promise<{ status: number; bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    execFile(CURL ?? 'curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{size_download} %{time_total}', ...args], (err, out) => {
      if (err) {
        reject(new Error(`curl failed: ${err.message}`));
        return;
      }
      const [status, bytes, seconds] = out.trim().split(' ').map(Number);
      resolve({ status: status ?? 0, bytes: bytes ?? 0, seconds: seconds ?? NaN });
    });
  });
}

/**
 * The body curl uploads: 256 MiB of random bytes in a file in memory (tmpfs when there is
 * one), so the disk measured is only the server's. Written once for every round.
 */
function curlBody(scratch: string): string {
  const src = join(existsSync('/dev/shm') ? '/dev/shm' : scratch, `object-store-bench-${process.pid}`);
  writeFileSync(src, randomBytes(BIG));
  return src;
}

/**
 * One 256 MiB PUT and GET of `path`, with curl from `curlSrc` when given, else with
 * undici; the seconds each took, and what they answered.
 */
async function bigTransfers(base: string, path: string, token: string, client: LoadClient, curlSrc: string | undefined) {
  if (curlSrc) {
    const put = await curl(['-X', 'PUT', '-H', `X-Auth-Token: ${token}`, '-H', 'Transfer-Encoding: chunked', '-T', curlSrc, base + path]);
    const get = await curl(['-H', `X-Auth-Token: ${token}`, base + path]);
    return { client: 'curl', putS: put.seconds, putStatus: put.status, getS: get.seconds, getBytes: get.bytes };
  }
  const auth = { 'X-Auth-Token': token };
  let t = performance.now();
  const put = await client.exchange('PUT', path, auth, bigBody() /* no length: undici sends it chunked */);
  const putS = (performance.now() - t) / 1000;
  t = performance.now();
  const get = await client.exchange('GET', path, auth);
  return { client: 'undici (no curl installed)', putS, putStatus: put.status, getS: (performance.now() - t) / 1000, getBytes: get.bytes };
}

async function main(): Promise<void> {
  const dir = tempDir('object-store-bench-');
  const identity = await startTestIdentity();
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (other processes share this machine)`);
  console.log(`object-store started as: UV_THREADPOOL_SIZE=16 node ${SERVER_FLAGS.join(' ')} main.js (filesystem backend, SQLite)`);
  const { child, base } = await startServerProcess(dir.path, identity.url, SERVER_ENV, SERVER_FLAGS);
  const peaks = new PhasePeaks(child.pid ?? 0);
  peaks.end('start');
  const token = identity.token();
  const client = new LoadClient(base, 16);
  const url = (path: string) => `/v1/AUTH_p1${path}`;
  const auth = { 'X-Auth-Token': token };
  try {
    await client.exchange('PUT', url('/bench'), { ...auth, 'Content-Length': 0 });
    const payload = randomBytes(SMALL);
    const put = await runLoad(SMALL_COUNT, 16, 60, async (i) =>
      (await client.exchange('PUT', url(`/bench/obj-${String(i).padStart(6, '0')}`), { ...auth, 'Content-Length': SMALL }, payload)).status === 201,
    );
    console.log(`4 KiB PUT  (c=16, durable): ${fmt(put)}`);
    peaks.end('4 KiB PUT');
    const get = await runLoad(20_000, 16, 30, async (i) =>
      (await client.exchange('GET', url(`/bench/obj-${String(i % put.count).padStart(6, '0')}`), auth)).status === 200,
    );
    console.log(`4 KiB GET  (c=16):          ${fmt(get)}`);
    peaks.end('4 KiB GET');
    const listings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const res = await client.exchange('GET', url('/bench?format=json&limit=10000'), auth);
      listings.push(performance.now() - t);
      if (res.status !== 200) {
        throw new Error(`listing failed: ${res.status}`);
      }
    }
    listings.sort((a, b) => a - b);
    console.log(`listing ${put.count} objects (json): median ${listings[2]?.toFixed(0)} ms, worst ${listings[4]?.toFixed(0)} ms`);
    peaks.end('listing');
    console.log(`server RSS before the 256 MiB transfers: ${rssMb(child.pid ?? 0, 'VmRSS').toFixed(0)} MB`);
    // Three rounds of dd, PUT, GET, DELETE; the medians reported, and the PUT's share of the
    // dd that ran just before it. One cold transfer of 256 MiB lasts about a second and swings
    // by a third with what else the machine does in that second.
    //
    // Each round deletes its object, as dd deletes its file, so the two write into the same
    // kind of memory. On this virtual machine, page-cache pages the guest has not used before
    // (or has handed back to the host) cost about five times the CPU of reused ones: dd of
    // 256 MiB takes 0.11 s of system time into reused pages and 0.55 s into new ones, and
    // runs at half the speed. Three dd runs that reuse one file's pages, against three PUTs
    // that each grow the page cache by 256 MiB, compared two different things.
    const curlSrc = CURL ? curlBody(dir.path) : undefined;
    const rounds = [];
    try {
      for (let i = 0; i < 3; i++) {
        const dd = ddOnce(dir.path);
        const big = url(`/bench/big-${i}`);
        const r = await bigTransfers(base, big, token, client, curlSrc);
        const del = await client.exchange('DELETE', big, auth);
        if (del.status !== 204) {
          throw new Error(`DELETE of the 256 MiB object failed: ${del.status}`);
        }
        rounds.push({ ...r, dd, putMBs: BIG / MB / r.putS, getMBs: r.getBytes / MB / r.getS });
      }
    } finally {
      if (curlSrc) {
        rmSync(curlSrc, { force: true });
      }
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const putRates = sorted(rounds.map((r) => r.putMBs));
    const getRates = sorted(rounds.map((r) => r.getMBs));
    const ddRates = sorted(rounds.map((r) => r.dd));
    const [putMBs, getMBs, dd] = [median3(putRates), median3(getRates), median3(ddRates)];
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    const statuses = rounds.map((r) => `${r.putStatus}/${r.getBytes === BIG ? 'all bytes' : `${r.getBytes} bytes`}`).join(', ');
    const range = (xs: number[]) => `${xs[0]?.toFixed(0)}-${xs[2]?.toFixed(0)}`;
    console.log(
      `256 MiB PUT: ${putMBs.toFixed(0)} MB/s (${range(putRates)});  GET: ${getMBs.toFixed(0)} MB/s (${range(getRates)})  median of 3 [client: ${rounds[0]?.client}; ${statuses}]`,
    );
    console.log(`dd 256 MiB conv=fdatasync on the same disk, one per round: ${dd.toFixed(0)} MB/s (${range(ddRates)})`);
    console.log(
      `  PUT / dd by round: ${rounds.map((r) => pct(r.putMBs / r.dd)).join(', ')} (median ${pct(median3(rounds.map((r) => r.putMBs / r.dd)))}, target 70%);` +
        `  GET / dd: ${rounds.map((r) => pct(r.getMBs / r.dd)).join(', ')} (median ${pct(median3(rounds.map((r) => r.getMBs / r.dd)))}, target > 100%)`,
    );
    peaks.end('256 MiB');
    console.log(`server peak RSS over the whole run: ${peaks.summary()}`);
    console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await client.close();
    child.kill('SIGTERM');
    await identity.close();
    dir.cleanup();
  }
}

await main();
