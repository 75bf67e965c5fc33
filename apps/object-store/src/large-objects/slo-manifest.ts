import { createHash } from 'node:crypto';
import { badRequest } from '../shared/swift-errors.js';

/** SLO limits, as /info's `slo` section announces them. */
export const SLO_LIMITS = {
  max_manifest_segments: 1000,
  max_manifest_size: 8 * 1024 * 1024,
  min_segment_size: 1,
  yield_frequency: 10,
} as const;

/** A segment as a client lists it in `multipart-manifest=put`. */
export interface SloPutSegment {
  readonly path: string;
  readonly etag?: string | null | undefined;
  readonly size_bytes?: number | null | undefined;
  readonly range?: string | undefined;
}

/** A segment as the manifest stores it (and `multipart-manifest=get` returns it). */
export interface SloSegment {
  readonly name: string;
  readonly hash: string;
  readonly bytes: number;
  readonly content_type: string;
  readonly last_modified: string;
  readonly range?: string | undefined;
}

/** Parses a manifest PUT body; 400 with Swift's wording when it is not a list of segments. */
export function parseSloPut(body: Buffer): SloPutSegment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('Manifest must be valid JSON.\n');
  }
  if (!Array.isArray(parsed)) {
    throw badRequest('Manifest must be a list.\n');
  }
  if (parsed.length === 0) {
    throw badRequest('Manifest must have at least one segment.\n');
  }
  if (parsed.length > SLO_LIMITS.max_manifest_segments) {
    throw badRequest(`Too many segments in manifest; max ${SLO_LIMITS.max_manifest_segments}.\n`);
  }
  return parsed.map((raw: unknown, i) => {
    const seg = raw as Record<string, unknown> | null;
    if (!seg || typeof seg !== 'object' || typeof seg['path'] !== 'string') {
      throw badRequest(`Index ${i}: "path" must be a string\n`);
    }
    const allowed = new Set(['path', 'etag', 'size_bytes', 'range']);
    const extra = Object.keys(seg).filter((k) => !allowed.has(k));
    if (extra.length > 0) {
      throw badRequest(`Index ${i}: extraneous keys ${extra.map((k) => `"${k}"`).join(', ')}\n`);
    }
    const size = seg['size_bytes'];
    if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0)) {
      throw badRequest(`Index ${i}: "size_bytes" must be an integer or null\n`);
    }
    const etag = seg['etag'];
    if (etag !== undefined && etag !== null && typeof etag !== 'string') {
      throw badRequest(`Index ${i}: "etag" must be a string or null\n`);
    }
    return seg as unknown as SloPutSegment;
  });
}

/** `/container/object` (leading slash optional) split into its parts; undefined when malformed. */
export function splitSegmentPath(path: string): { container: string; object: string } | undefined {
  const clean = path.replace(/^\//, '');
  const i = clean.indexOf('/');
  if (i <= 0 || i === clean.length - 1) {
    return undefined;
  }
  return { container: clean.slice(0, i), object: clean.slice(i + 1) };
}

/** An inclusive byte range `a-b`, `a-` or `-n` within a segment of `size` bytes. */
export function segmentRange(range: string, size: number): { start: number; end: number } | undefined {
  const m = /^(\d*)-(\d*)$/.exec(range.replace(/^bytes=/, '').trim());
  if (!m || (m[1] === '' && m[2] === '')) {
    return undefined;
  }
  if (m[1] === '') {
    const n = Number(m[2]);
    return n > 0 && n <= size ? { start: size - n, end: size - 1 } : undefined;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  return start <= end && end < size ? { start, end } : undefined;
}

/** The SLO's ETag: MD5 over the segments' ETags (with `:<range>;` for ranged ones). */
export function sloEtag(segments: readonly SloSegment[]): string {
  const h = createHash('md5');
  for (const s of segments) {
    h.update(s.range ? `${s.hash}:${s.range};` : s.hash);
  }
  return h.digest('hex');
}
