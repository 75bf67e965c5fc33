import { LoadClient } from '@tinystack/testing';

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export interface HttpCall {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly expect: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function summarize(latencies: number[], errors: number, ms: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: (latencies.length * 1000) / ms,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** One request; true when the status is the expected one. */
async function send(client: LoadClient, c: HttpCall): Promise<boolean> {
  const headers = { ...(c.headers ?? {}), ...(c.body ? { 'Content-Type': 'application/json' } : {}) };
  try {
    return (await client.exchange(c.method, c.path, headers, c.body)).status === c.expect;
  } catch {
    return false;
  }
}

/**
 * Keep `concurrency` requests in flight against 127.0.0.1:port for `ms` milliseconds, with
 * the shared undici load client (cheaper than node:http's, which shares these 2 CPUs).
 */
export async function load(
  port: number,
  call: () => HttpCall,
  opts: { concurrency: number; ms: number },
): Promise<LoadResult> {
  const client = new LoadClient(`http://127.0.0.1:${port}`, opts.concurrency);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + opts.ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      if (await send(client, call())) {
        latencies.push(performance.now() - t0);
      } else {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = performance.now() - t0;
  await client.close();
  return summarize(latencies, errors, elapsed);
}
