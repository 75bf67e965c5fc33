import { ImageSizeMismatch, ImageTooLarge } from './image-data.errors.js';

/**
 * Pass `source` through, failing as soon as it exceeds `limit` bytes (413) and, when the
 * length was announced, unless it is exactly that long.
 */
export async function* limitSize(
  source: AsyncIterable<Uint8Array>,
  limit: number,
  expected?: number,
): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > limit) {
      throw new ImageTooLarge(limit);
    }
    if (expected !== undefined && seen > expected) {
      throw new ImageSizeMismatch(expected, seen);
    }
    yield chunk;
  }
  if (expected !== undefined && seen !== expected) {
    throw new ImageSizeMismatch(expected, seen);
  }
}
