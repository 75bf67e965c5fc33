import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';

/**
 * What a Swift handler answers: status, headers and an optional body (text or stream).
 * Written with writeHead/end so HEAD and 204 keep Content-Type and Content-Length (see
 * OPENSTACK-COMPAT.md), and streams are piped with backpressure.
 */
export interface SwiftReply {
  readonly status: number;
  readonly headers: Record<string, string | number>;
  readonly body?: string | Buffer | Readable;
  /** Content-Length to announce when the body is a stream (or for HEAD). */
  readonly length?: number;
}

/** Works on a raw ServerResponse (ObjectsFastPath) as on Express's. */
export function sendReply(res: ServerResponse, reply: SwiftReply, isHead: boolean): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/html; charset=UTF-8',
    ...reply.headers,
  };
  const body = reply.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    headers['Content-Length'] = reply.length ?? Buffer.byteLength(body);
  } else if (reply.length !== undefined) {
    headers['Content-Length'] = reply.length;
  } else if (body === undefined) {
    headers['Content-Length'] = 0;
  }
  if (reply.status === 204) {
    headers['Content-Length'] = 0;
  }
  res.writeHead(reply.status, headers);
  if (isHead || body === undefined || reply.status === 204 || reply.status === 304) {
    if (body && typeof body !== 'string' && !Buffer.isBuffer(body)) {
      body.destroy();
    }
    res.end();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  pipeline(body, res, () => undefined);
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string | number> = {}): SwiftReply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}
