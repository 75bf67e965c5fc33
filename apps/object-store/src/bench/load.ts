import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** One HTTP exchange on a keep-alive agent; the response body is drained (or piped to `sink`). */
export function exchange(
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string | number>,
  body?: Buffer | Readable,
): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined || Buffer.isBuffer(body)) {
      req.end(body);
    } else {
      body.pipe(req);
    }
  });
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
 * `maxSeconds` (bounded load). Latencies in ms.
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
