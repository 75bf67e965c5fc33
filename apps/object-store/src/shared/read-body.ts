import type { Readable } from 'node:stream';
import { swiftMessage } from './swift-errors.js';

/** Reads a small request body (manifests, bulk lists) up to `max` bytes; 413 beyond. */
export async function readSmallBody(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw swiftMessage('payload_too_large', 'Your request is too large.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
