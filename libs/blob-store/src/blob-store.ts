import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError } from '@tinystack/errors';

/** An inclusive byte range inside a blob, as HTTP ranges are: bytes start..end. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface PutOptions {
  /** The exact size the body must have; a different size stores nothing. */
  readonly size?: number;
  /** Expected MD5 (hex); a different digest stores nothing. */
  readonly md5?: string;
  /** Largest body accepted; a longer body stores nothing. */
  readonly maxSize?: number;
}

export interface PutResult {
  /** MD5 of the bytes, lowercase hex (what Swift calls the ETag of a plain object). */
  readonly etag: string;
  readonly size: number;
}

export interface BlobStat {
  readonly size: number;
}

/**
 * Where object bytes live. Every implementation passes `describeBlobStore`
 * (`@tinystack/blob-store/testing`), and keeps these invariants:
 *
 * - `put` streams: no implementation holds more than 64 KiB of a body in memory.
 * - `put` is atomic: until it resolves, readers see the previous blob under the key (or
 *   none); once it resolves the new blob is durable (survives a crash or power loss of
 *   this host for the filesystem store; acknowledged by the S3 server for S3). A failing
 *   body stream, a size or MD5 mismatch, or a crash mid-way leaves the key as it was.
 * - `get` of an unknown key rejects with {@link BlobNotFound}; a range outside the blob
 *   rejects with a `range_not_satisfiable` DomainError. A stream already returned keeps
 *   reading the blob it opened, even if the key is overwritten or deleted meanwhile (fs).
 * - `delete` is idempotent.
 *
 * Keys are 1-512 characters of `[A-Za-z0-9._/-]`, without empty, `.` or `..` segments, optionally
 * followed by a placement hint `@<2 lowercase hex>` (see {@link freshBlobKey}).
 */
export interface BlobStore {
  /** Short backend name for logs and health: `fs`, `s3`. */
  readonly kind: string;
  /** Prepare the store (directories, bucket) and clear leftovers of interrupted writes. */
  init(): Promise<void>;
  put(key: string, body: Readable, opts?: PutOptions): Promise<PutResult>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  /**
   * The bytes of a small blob (or of a range of at most 64 KiB) at once, for callers that
   * know the size: cheaper than a stream. Same errors as `get`.
   */
  getBytes(key: string, range?: ByteRange): Promise<Buffer>;
  stat(key: string): Promise<BlobStat | undefined>;
  delete(key: string): Promise<void>;
  /** Throws when the store cannot serve requests (health checks). */
  check(): Promise<void>;
}

export class BlobNotFound extends DomainError {
  constructor(key: string) {
    super('not_found', `No blob ${key}`);
  }
}

/** The body did not match what the caller declared (size, MD5) or was too large. */
export class BlobRejected extends DomainError {
  constructor(
    readonly reason: 'size_mismatch' | 'md5_mismatch' | 'too_large',
    message: string,
  ) {
    super(reason === 'too_large' ? 'payload_too_large' : 'unprocessable', message);
  }
}

const KEY_RE = /^[A-Za-z0-9._/-]{1,512}(@[0-9a-f]{2})?$/;
const PLACEMENT_RE = /@([0-9a-f]{2})$/;

/**
 * A fresh, unique key under `prefix` (`<prefix><uuid>@<2 hex>`). The suffix is a placement
 * hint, the same for every key made within one second and cycling through 256 values:
 * FsBlobStore puts such a key in that fan-out directory rather than the one its hash picks,
 * so a burst of concurrent writes renames into one directory and shares its directory
 * fsyncs (DirSyncer), while directories still fill evenly over time. Other stores keep the
 * key as it is. Keys without the suffix (every key made before it existed) are unaffected.
 */
export function freshBlobKey(prefix: string, now = Date.now()): string {
  const hint = (Math.floor(now / 1000) % 256).toString(16).padStart(2, '0');
  return `${prefix}${randomUUID()}@${hint}`;
}

/** The fan-out directory a key names itself (freshBlobKey), if it does. */
export function placementOf(key: string): string | undefined {
  return PLACEMENT_RE.exec(key)?.[1];
}

/** Throws a bad_request DomainError unless `key` is a valid blob key. */
export function assertBlobKey(key: string): void {
  if (!KEY_RE.test(key) || key.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new DomainError('bad_request', `Invalid blob key ${JSON.stringify(key).slice(0, 80)}`);
  }
}

/** Throws range_not_satisfiable unless `range` lies inside a blob of `size` bytes. */
export function assertRange(range: ByteRange, size: number): void {
  const ok =
    Number.isSafeInteger(range.start) &&
    Number.isSafeInteger(range.end) &&
    range.start >= 0 &&
    range.end >= range.start &&
    range.end < size;
  if (!ok) {
    throw new DomainError('range_not_satisfiable', `Range ${range.start}-${range.end} is outside 0-${size - 1}`);
  }
}
