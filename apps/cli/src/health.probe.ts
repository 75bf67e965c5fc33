import { connect, createServer } from 'node:net';

export interface HealthTarget {
  /** GET here must answer 200; when null, a TCP connect to host:tcpPort is the probe. */
  readonly healthUrl: string | null;
  readonly host: string;
  readonly tcpPort: number | null;
}

export interface HealthResult {
  readonly ok: boolean;
  /** "ok", "HTTP 503 {...}", "connection refused", ... */
  readonly detail: string;
}

/** One health probe, answering within ~2 seconds. */
export async function probeHealth(target: HealthTarget): Promise<HealthResult> {
  if (target.healthUrl) {
    return probeHttp(target.healthUrl);
  }
  if (target.tcpPort !== null) {
    return probeTcp(target.host.replace(/^\[|\]$/g, ''), target.tcpPort);
  }
  return { ok: false, detail: 'no port to probe' };
}

async function probeHttp(url: string): Promise<HealthResult> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const body = (await res.text()).slice(0, 200);
    return res.status === 200
      ? { ok: true, detail: 'ok' }
      : { ok: false, detail: `HTTP ${res.status} ${body}`.trim() };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, detail: cause ?? (err as Error).message };
  }
}

function probeTcp(host: string, port: number): Promise<HealthResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: HealthResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000, () => done({ ok: false, detail: 'timed out' }));
    socket.once('connect', () => done({ ok: true, detail: 'ok (port open)' }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, detail: err.code ?? err.message }),
    );
  });
}

/** Whether host:port can be listened on right now (so a service will not fail on EADDRINUSE). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: host.replace(/^\[|\]$/g, ''), port, exclusive: true }, () => {
      srv.close(() => resolve(true));
    });
  });
}
