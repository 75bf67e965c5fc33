import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';

export const MB = 1_000_000;
const BLOCK = 1024 * 1024;

/** `size` bytes (a multiple of 1 MiB) as 1 MiB blocks of one random block, without holding them. */
export function patternSource(size: number): { blocks: () => Generator<Buffer>; md5: () => string } {
  const block = randomBytes(BLOCK);
  const count = Math.ceil(size / BLOCK);
  function* blocks(): Generator<Buffer> {
    for (let i = 0; i < count; i++) {
      yield block;
    }
  }
  const md5 = () => {
    const h = createHash('md5');
    for (const b of blocks()) {
      h.update(b);
    }
    return h.digest('hex');
  };
  return { blocks, md5 };
}

/** Peak (VmHWM) or current (VmRSS) resident memory of a process, in MB. */
export function rssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Time `fn` moving `bytes` bytes; MB/s. */
export async function rate(bytes: number, fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return bytes / seconds / MB;
}

/** PUT the blocks to `url` with backpressure; resolves with the status. */
export function putStream(url: string, headers: Record<string, string>, blocks: Iterable<Buffer>, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'Content-Length': String(size) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    const it = blocks[Symbol.iterator]();
    const pump = (): void => {
      for (let r = it.next(); !r.done; r = it.next()) {
        if (!req.write(r.value)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

/** Bytes each read of a download lands in: one buffer, reused for every read. */
const READ_BUFFER_BYTES = 1024 * 1024;

/**
 * GET `url` to the end; resolves with the status, the byte count and the Content-MD5 header.
 * A plain HTTP/1.1 exchange over one socket that reads every byte into one reused buffer,
 * as curl or wget would: node:http's client allocates a Buffer and runs the parser and a
 * 'data' event per 64 KiB read, about 1-2 s of CPU per GiB that the benchmark client would
 * take from the services it measures (three processes share two cores here). Takes
 * Content-Length bodies only (both services send one) and fails on anything short.
 */
export function getStream(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number; md5: string | undefined }> {
  const u = new URL(url);
  const request =
    `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    let head = '';
    let response: { status: number; length: number; md5: string | undefined } | undefined;
    let bytes = 0;
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) {
        return;
      }
      settled = true;
      socket.destroy();
      if (err || !response) {
        reject(err ?? new Error(`${url}: no response`));
      } else if (bytes !== response.length) {
        reject(new Error(`${url}: ${bytes} of ${response.length} bytes`));
      } else {
        resolve({ status: response.status, bytes, md5: response.md5 });
      }
    };
    const onRead = (n: number, buf: Buffer): boolean => {
      let body = n;
      if (!response) {
        head += buf.toString('latin1', 0, n);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          return true;
        }
        try {
          response = parseHead(head.slice(0, end));
        } catch (err) {
          settle(err as Error);
          return false;
        }
        body = head.length - end - 4;
      }
      bytes += body;
      if (bytes >= response.length) {
        settle();
      }
      return true;
    };
    const socket = connect({
      host: u.hostname,
      port: Number(u.port || 80),
      onread: { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: onRead },
    });
    socket.once('connect', () => socket.write(request));
    socket.once('error', (err) => settle(err));
    socket.once('close', () => settle());
  });
}

function parseHead(head: string): { status: number; length: number; md5: string | undefined } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const fields = new Map(
    lines.map((l) => [
      l.slice(0, l.indexOf(':')).trim().toLowerCase(),
      l.slice(l.indexOf(':') + 1).trim(),
    ]),
  );
  const length = Number(fields.get('content-length'));
  if (!Number.isSafeInteger(length)) {
    throw new Error(`no Content-Length in the response: ${statusLine}`);
  }
  return { status: Number(statusLine.split(' ')[1]), length, md5: fields.get('content-md5') };
}
