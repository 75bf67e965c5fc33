import { DomainError } from '@tinystack/errors';
import type { ByteRange } from '../store/image-store.js';

/** 416, with the Content-Range header HTTP asks for. */
export class RangeNotSatisfiable extends DomainError {
  constructor(size: number) {
    super('range_not_satisfiable', 'Requested range not satisfiable', { 'Content-Range': `bytes */${size}` });
  }
}

/**
 * A single-range `Range: bytes=a-b | a- | -n` header against an image of `size` bytes:
 * undefined for no header or the whole image, 416 when unsatisfiable or malformed.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) {
    return undefined;
  }
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) {
    throw new RangeNotSatisfiable(size);
  }
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
    if (suffix === 0) {
      throw new RangeNotSatisfiable(size);
    }
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new RangeNotSatisfiable(size);
  }
  return start === 0 && end === size - 1 ? undefined : { start, end };
}
