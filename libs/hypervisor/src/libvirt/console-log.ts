import { open } from 'node:fs/promises';

/** The last `maxBytes` of a file, cut to whole lines, then to the last `lines` lines. */
export async function readTail(path: string, maxBytes: number, lines?: number): Promise<string> {
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      return undefined;
    }
    throw err;
  });
  if (!fh) {
    return '';
  }
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    let text = buf.toString('utf8');
    if (start > 0) {
      text = text.slice(text.indexOf('\n') + 1);
    }
    if (lines === undefined) {
      return text;
    }
    const all = text.split('\n');
    const trailing = all[all.length - 1] === '' ? all.pop() : undefined;
    return all.slice(Math.max(0, all.length - lines)).join('\n') + (trailing === '' ? '\n' : '');
  } finally {
    await fh.close();
  }
}
