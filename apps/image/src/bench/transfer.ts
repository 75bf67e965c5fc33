import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

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

/** GET `url` to the end; resolves with the byte count and the response headers. */
export function getStream(url: string, headers: Record<string, string>): Promise<{ bytes: number; md5: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, md5: res.headers['content-md5'] as string | undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
