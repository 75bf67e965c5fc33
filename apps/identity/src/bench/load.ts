import { Agent, request } from 'node:http';

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

/** One request on a keep-alive agent; true when the status is the expected one. */
function send(port: number, agent: Agent, c: HttpCall): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const headers = {
      ...(c.headers ?? {}),
      ...(c.body
        ? {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(c.body)),
          }
        : {}),
    };
    const req = request(
      { host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === c.expect));
      },
    );
    req.on('error', () => resolve(false));
    req.end(c.body);
  });
}

/** Keep `concurrency` requests in flight against 127.0.0.1:port for `ms` milliseconds. */
export async function load(
  port: number,
  call: () => HttpCall,
  opts: { concurrency: number; ms: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + opts.ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      if (await send(port, agent, call())) {
        latencies.push(performance.now() - t0);
      } else {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = performance.now() - t0;
  agent.destroy();
  return summarize(latencies, errors, elapsed);
}
