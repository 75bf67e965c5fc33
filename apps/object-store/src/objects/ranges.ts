import type { ByteRange } from '@tinystack/blob-store';

/** The outcome of a Range header against an object of `size` bytes. */
export type RangeResult =
  | { readonly kind: 'full' }
  | { readonly kind: 'ranges'; readonly ranges: ByteRange[] }
  | { readonly kind: 'unsatisfiable' };

const MAX_RANGES = 50;

/**
 * Swift's (swob) reading of `Range: bytes=...`: a malformed header is ignored (full
 * content); satisfiable ranges are clipped to the object; when none is satisfiable the
 * answer is 416. `bytes=-N` is the last N bytes, `bytes=N-` from N to the end.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) {
    return { kind: 'full' };
  }
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m?.[1]) {
    return { kind: 'full' };
  }
  const specs = m[1].split(',').map((s) => s.trim());
  if (specs.length > MAX_RANGES) {
    return { kind: 'full' };
  }
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const r = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) {
      return { kind: 'full' };
    }
    const first = r[1] === '' ? undefined : Number(r[1]);
    const last = r[2] === '' ? undefined : Number(r[2]);
    if (first !== undefined && last !== undefined && last < first) {
      return { kind: 'full' };
    }
    const resolved = resolve(first, last, size);
    if (resolved) {
      ranges.push(resolved);
    }
  }
  return ranges.length > 0 ? { kind: 'ranges', ranges } : { kind: 'unsatisfiable' };
}

function resolve(first: number | undefined, last: number | undefined, size: number): ByteRange | undefined {
  if (first === undefined) {
    const n = last ?? 0;
    return n === 0 || size === 0 ? undefined : { start: Math.max(0, size - n), end: size - 1 };
  }
  if (first >= size) {
    return undefined;
  }
  return { start: first, end: Math.min(last ?? size - 1, size - 1) };
}
