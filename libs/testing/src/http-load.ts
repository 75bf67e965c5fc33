import type { Readable } from 'node:stream';
import { Pool } from 'undici';

/**
 * The load generator the benchmarks share. It runs in the same 2-CPU machine as the
 * service it measures, so it must cost little: node:http's client tops out near 2,000
 * requests/s here against a server that does nothing, undici's Pool near 9,000/s.
 * Loopback only: the origin must be http://127.0.0.1:<port>.
 */
export class LoadClient {
  private readonly pool: Pool;

  constructor(origin: string | URL, connections = 16) {
    const url = new URL(origin);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new Error(`benchmarks send traffic to loopback only, not ${url.hostname}`);
    }
    this.pool = new Pool(url.origin, { connections, pipelining: 1, bodyTimeout: 0, headersTimeout: 0 });
  }

  /** One request; the response body is drained and counted, never kept. */
  async exchange(
    method: string,
    path: string,
    headers: Record<string, string | number> = {},
    body?: Buffer | string | Readable,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
    const plain: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) {
      plain[k] = String(v);
    }
    const res = await this.pool.request({ method, path, headers: plain, body: body ?? null });
    let bytes = 0;
    for await (const chunk of res.body) {
      bytes += (chunk as Buffer).length;
    }
    return { status: res.statusCode, headers: res.headers, bytes };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface LoadResult {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly errors: number;
}

/**
 * Runs `op(i)` for i in [0, count) with `concurrency` in flight, stopping early after
 * `maxSeconds` (bounded load). An op that throws or returns false counts as an error.
 */
export async function runLoad(count: number, concurrency: number, maxSeconds: number, op: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + maxSeconds * 1000;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const s = performance.now();
      const ok = await op(i).catch(() => false);
      latencies.push(performance.now() - s);
      if (!ok) {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, p50ms: pct(0.5), p99ms: pct(0.99), errors };
}
