import type { ImageChecksum } from '../driver/guest.types.js';

/** An image as the image service hands it out: what it is, and its bytes as a stream. */
export interface SourceImage {
  /** Declared disk format (raw, qcow2, ...); the bytes must match it. */
  readonly diskFormat: string;
  /** Declared size in bytes, if known. */
  readonly size?: number;
  /** Checksums the image service recorded (Glance's md5 `checksum`, `os_hash_value`). */
  readonly checksums: readonly ImageChecksum[];
  readonly stream: AsyncIterable<Uint8Array>;
}

/**
 * Where base images come from: the image service over gRPC in the agent (Nova's
 * nova.image.glance); a directory of files in tests. The cache is the only caller.
 */
export interface ImageSource {
  /** `not_found` when no such image exists (or the caller may not see it). */
  open(imageId: string, signal?: AbortSignal): Promise<SourceImage>;
}
