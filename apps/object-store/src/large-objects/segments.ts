import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { SMALL_BLOB_BYTES, type BlobStore, type ByteRange } from '@tinystack/blob-store';

/** A run of bytes of one blob (inclusive offsets); an object's content is a list of them. */
export interface Segment {
  readonly blobKey: string;
  readonly start: number;
  readonly end: number;
  /** The segment is the whole blob: read without a range (no size check needed). */
  readonly whole?: boolean;
}

export const sizeOf = (segments: readonly Segment[]) => segments.reduce((n, s) => n + (s.end - s.start + 1), 0);

/** The parts of `segments` that hold the logical bytes `range` (inclusive). */
export function sliceSegments(segments: readonly Segment[], range: ByteRange): Segment[] {
  const out: Segment[] = [];
  let offset = 0;
  for (const s of segments) {
    const len = s.end - s.start + 1;
    const from = Math.max(range.start, offset);
    const to = Math.min(range.end, offset + len - 1);
    if (from <= to) {
      out.push({ blobKey: s.blobKey, start: s.start + (from - offset), end: s.start + (to - offset) });
    }
    offset += len;
    if (offset > range.end) {
      break;
    }
  }
  return out;
}

/**
 * The bytes of `segments` (`length` of them in all) as a response body: read at once when
 * they are one small run of one blob (most objects), streamed otherwise.
 */
export async function readSegments(blobs: BlobStore, segments: readonly Segment[], length: number): Promise<Buffer | Readable> {
  const [only, ...rest] = segments;
  if (only && rest.length === 0 && length <= SMALL_BLOB_BYTES) {
    return blobs.getBytes(only.blobKey, only.whole ? undefined : { start: only.start, end: only.end });
  }
  return streamSegments(blobs, segments);
}

/** The bytes of `segments` in order, each blob opened only when the previous one is done. */
export async function streamSegments(blobs: BlobStore, segments: readonly Segment[]): Promise<Readable> {
  const parts = segments.filter((s) => s.end >= s.start);
  if (parts.length === 1 && parts[0]) {
    return parts[0].whole ? blobs.get(parts[0].blobKey) : blobs.get(parts[0].blobKey, { start: parts[0].start, end: parts[0].end });
  }
  if (parts.length === 0) {
    return Readable.from([]);
  }
  const first = await blobs.get(parts[0]?.blobKey ?? '', { start: parts[0]?.start ?? 0, end: parts[0]?.end ?? 0 });
  return Readable.from(
    (async function* () {
      yield* first;
      for (const p of parts.slice(1)) {
        yield* await blobs.get(p.blobKey, { start: p.start, end: p.end });
      }
    })(),
    { objectMode: false },
  );
}

/** A multipart/byteranges body for several ranges of one object, and its exact length. */
export function multipartRanges(
  blobs: BlobStore,
  segments: readonly Segment[],
  ranges: readonly ByteRange[],
  contentType: string,
  total: number,
): { body: Readable; length: number; contentType: string } {
  const boundary = randomBytes(16).toString('hex');
  const heads = ranges.map(
    (r, i) => `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${r.start}-${r.end}/${total}\r\n\r\n`,
  );
  const tail = `\r\n--${boundary}--`;
  const length =
    heads.reduce((n, h) => n + Buffer.byteLength(h), 0) + ranges.reduce((n, r) => n + r.end - r.start + 1, 0) + tail.length;
  const body = Readable.from(
    (async function* () {
      for (const [i, r] of ranges.entries()) {
        yield Buffer.from(heads[i] ?? '');
        yield* await streamSegments(blobs, sliceSegments(segments, r));
      }
      yield Buffer.from(tail);
    })(),
    { objectMode: false },
  );
  return { body, length, contentType: `multipart/byteranges;boundary=${boundary}` };
}
