/**
 * Re-slice a byte stream into chunks of `size` bytes (the last one shorter): small network
 * reads are gathered into fewer, larger gRPC messages, and large ones split below the
 * message limit. Holds at most one chunk.
 */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buf = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const n = Math.min(size - filled, piece.length - offset);
      buf.set(piece.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield buf;
        buf = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) {
    yield buf.subarray(0, filled);
  }
}
