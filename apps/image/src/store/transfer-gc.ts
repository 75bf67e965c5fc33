import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (opts?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

/** V8's gc(), made available at run time (the process is not started with --expose-gc). */
function loadGc(): Gc | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return undefined;
  }
}

const gc = loadGc();

/** Collect after this many bytes of image data moved through the process. */
export const GC_STEP_BYTES = 32 * 1024 * 1024;

let moved = 0;

/**
 * Every image transfer allocates a buffer per chunk (socket reads, gRPC messages), each
 * garbage a moment later. V8 frees such buffers only when its external-memory heuristics
 * start a full collection, tens of megabytes later, so a long transfer would hold that
 * much dead memory. Asking for a young-generation collection every GC_STEP_BYTES frees
 * them while they are still young, for well under a millisecond each, and keeps the
 * service's memory flat whatever the image size.
 */
export function noteTransferred(bytes: number): void {
  moved += bytes;
  if (moved >= GC_STEP_BYTES) {
    moved = 0;
    gc?.({ type: 'minor' });
  }
}

/** Passes `source` through, noting every chunk. */
export async function* gcPaced(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    noteTransferred(chunk.length);
    yield chunk;
  }
}
