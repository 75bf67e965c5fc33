import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { Observable } from 'rxjs';
import { objectstoreV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';

/** The server side of a client-streaming call, as Nest passes it to a stream handler. */
export interface IncomingCall {
  pause(): void;
  resume(): void;
  readonly cancelled?: boolean;
  /** grpc-js emits 'cancelled' and destroys the stream without ending it when the client cancels. */
  once?(event: 'cancelled', cb: () => void): unknown;
}

/** The server side of a server-streaming call. */
export interface OutgoingCall {
  readonly writableNeedDrain?: boolean;
  once(event: 'drain', cb: () => void): unknown;
}

const MAX_CHUNK = 1024 * 1024;
/**
 * Bytes buffered between the gRPC call and the blob store before the call is paused:
 * several chunks, so the call keeps flowing while the store writes (with Readable's
 * default of 16 KiB every 512 KiB chunk paused it).
 */
const BODY_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Turns a PutObject request stream into its header and a byte stream, with backpressure:
 * the gRPC call is paused while the blob store is behind. The body ends only at the
 * client's `end` message; a stream that completes without it fails the body, so a cut-off
 * upload is never stored as complete. (A client's cancel cannot be told apart from a
 * finished stream in time: grpc-js ends the request stream first and marks the call
 * cancelled only later.)
 *
 * Call it synchronously from a handler that returns an Observable (not a Promise): Nest
 * replays the messages that arrived before the handler ran only after a synchronous
 * return, one setImmediate later, and delivers newer messages directly meanwhile. The
 * call is paused until that replay is done so the bytes stay in order.
 */
export function putStreamToBody(
  req$: Observable<objectstoreV1.PutObjectRequest>,
  call?: IncomingCall,
): Promise<{ header: objectstoreV1.PutObjectHeader; body: Readable }> {
  call?.pause();
  setImmediate(() => setImmediate(() => call?.resume()));
  return new Promise((resolve, reject) => {
    let body: Readable | undefined;
    let ended = false;
    // A cancelled call may never complete (grpc-js destroys it): fail the body so the
    // upload stops and nothing is committed, instead of waiting forever.
    call?.once?.('cancelled', () => {
      const err = new Error('the client cancelled the upload');
      if (body) {
        body.destroy(err);
      } else {
        reject(err);
      }
    });
    const sub = req$.subscribe({
      next: (msg) => {
        if (!body) {
          if (!msg.header) {
            reject(new DomainError('bad_request', 'The first PutObject message must carry the header'));
            sub.unsubscribe();
            return;
          }
          body = new Readable({ highWaterMark: BODY_BUFFER_BYTES, read: () => call?.resume() });
          // Its reader sees a failure through its own iteration; a body failed after the
          // reader gave up (refused upload, cancelled call) must not crash the process.
          body.on('error', () => undefined);
          resolve({ header: msg.header, body });
          return;
        }
        if (ended) {
          body.destroy(new DomainError('bad_request', 'PutObject carries nothing after its end message'));
        } else if (msg.end) {
          ended = true;
          body.push(null);
        } else if (msg.chunk && msg.chunk.length > 0 && !body.push(asBuffer(msg.chunk))) {
          call?.pause();
        }
      },
      error: (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        return body ? body.destroy(e) : reject(e);
      },
      complete: () => {
        if (!body) {
          reject(new DomainError('bad_request', 'PutObject needs a header message'));
        } else if (!ended) {
          body.destroy(new DomainError('bad_request', 'PutObject ended without its end message: the upload was cut off'));
        }
      },
    });
  });
}

/** The chunk as a Buffer without copying it (proto-loader already hands Buffers to Nest). */
function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Chunks of at most 1 MiB from `body`, waiting for the call to drain between writes. */
export async function* chunksFor(body: Readable, call?: OutgoingCall): AsyncGenerator<Buffer> {
  for await (const data of body) {
    const buf = data as Buffer;
    for (let off = 0; off < buf.length; off += MAX_CHUNK) {
      if (call?.writableNeedDrain) {
        await once(call as unknown as NodeJS.EventEmitter, 'drain');
      }
      yield buf.subarray(off, off + MAX_CHUNK);
    }
  }
}
