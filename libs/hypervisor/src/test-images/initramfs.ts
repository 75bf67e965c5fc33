import { gzipSync } from 'node:zlib';

/**
 * A gzipped cpio "newc" archive (the initramfs format the kernel unpacks), written here so
 * the image build needs no cpio package. Entries are given in order; parents first.
 */
export type CpioEntry =
  | { readonly type: 'dir'; readonly path: string; readonly mode?: number }
  | {
      readonly type: 'file';
      readonly path: string;
      readonly data: Uint8Array;
      readonly mode?: number;
    }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string }
  | {
      readonly type: 'chardev';
      readonly path: string;
      readonly major: number;
      readonly minor: number;
      readonly mode?: number;
    };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

const pad4 = (n: number) => (4 - (n % 4)) % 4;
const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function header(
  ino: number,
  mode: number,
  size: number,
  name: string,
  rdev: [number, number] = [0, 0],
): Buffer {
  const nameBytes = Buffer.byteLength(name) + 1;
  const fields = [ino, mode, 0, 0, 1, 0, size, 0, 0, rdev[0], rdev[1], nameBytes, 0];
  const head = Buffer.from(`070701${fields.map(hex8).join('')}`, 'latin1');
  const namePart = Buffer.concat([
    Buffer.from(name),
    Buffer.alloc(1 + pad4(head.length + nameBytes)),
  ]);
  return Buffer.concat([head, namePart]);
}

function record(ino: number, e: CpioEntry): Buffer[] {
  const path = e.path.replace(/^\/+/, '');
  switch (e.type) {
    case 'dir':
      return [header(ino, S_IFDIR | (e.mode ?? 0o755), 0, path)];
    case 'file':
      return [
        header(ino, S_IFREG | (e.mode ?? 0o644), e.data.length, path),
        Buffer.from(e.data),
        Buffer.alloc(pad4(e.data.length)),
      ];
    case 'symlink': {
      const t = Buffer.from(e.target);
      return [header(ino, S_IFLNK | 0o777, t.length, path), t, Buffer.alloc(pad4(t.length))];
    }
    case 'chardev':
      return [header(ino, S_IFCHR | (e.mode ?? 0o600), 0, path, [e.major, e.minor])];
  }
}

/** The uncompressed archive. */
export function cpioNewc(entries: readonly CpioEntry[]): Buffer {
  const parts = entries.flatMap((e, i) => record(i + 1, e));
  parts.push(header(0, 0, 0, 'TRAILER!!!'));
  const body = Buffer.concat(parts);
  return Buffer.concat([body, Buffer.alloc(pad4(body.length))]);
}

export function initramfs(entries: readonly CpioEntry[]): Buffer {
  return gzipSync(cpioNewc(entries), { level: 9 });
}

/** `entries` with a `dir` entry added before the first entry under each missing parent. */
export function withParents(entries: readonly CpioEntry[]): CpioEntry[] {
  const dirs = new Set(
    entries.filter((e) => e.type === 'dir').map((e) => e.path.replace(/^\/+/, '')),
  );
  const out: CpioEntry[] = [];
  for (const e of entries) {
    const parts = e.path.replace(/^\/+/, '').split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dirs.has(dir)) {
        dirs.add(dir);
        out.push({ type: 'dir', path: dir });
      }
    }
    out.push(e);
  }
  return out;
}
