import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What a store knows of data it has just written, computed while it streamed through. */
export interface StoredData {
  readonly size: number;
  /** MD5 (hex): Glance's `checksum`. */
  readonly md5: string;
  /** SHA-512 (hex): Glance's `os_hash_value` with os_hash_algo sha512. */
  readonly sha512: string;
}

/** Inclusive byte offsets, as an HTTP Range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where image bytes live. Streams only: no implementation holds a whole image in memory.
 *
 * - `put` consumes `body` to the end, hashing while it streams, and resolves once the data
 *   is durably stored under `key` (replacing what was there). If `body` errors, `signal`
 *   aborts or the store fails, it rejects and nothing is left under `key`.
 * - `get` resolves to a stream of the bytes (of `range` only, when given); it rejects with
 *   DomainError('not_found') when there is nothing under `key`.
 * - `delete` removes the data; deleting a missing key is not an error.
 * - `list` yields every key stored, with when it was written (for the orphan sweep).
 * - `check` resolves when the store is reachable (health).
 */
export interface ImageStore {
  put(key: string, body: AsyncIterable<Uint8Array>, opts?: { signal?: AbortSignal; size?: number }): Promise<StoredData>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  list(): AsyncIterable<StoredKey>;
  check(): Promise<void>;
}

export interface StoredKey {
  readonly key: string;
  /** Milliseconds since the epoch. */
  readonly writtenAt: number;
}

/** A fresh key for one upload of an image's data: attempts never share a key. */
export function newDataKey(imageId: string): string {
  return `${imageId}.${randomBytes(6).toString('hex')}`;
}

/** Nest injection token of the {@link ImageStore}. */
export const IMAGE_STORE = Symbol('IMAGE_STORE');
