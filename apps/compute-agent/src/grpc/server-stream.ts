import { once } from 'node:events';
import { Observable } from 'rxjs';

/** The part of a grpc-js server call used for flow control. */
export interface WritableCall {
  readonly writableNeedDrain?: boolean;
  once(event: 'drain' | 'cancelled' | 'close', listener: () => void): unknown;
}

/**
 * An async iterable as the Observable a Nest server-streaming handler returns, producing the
 * next message only once the call has room for it (Nest writes each emission at once and
 * would otherwise buffer the whole stream). Unsubscribing aborts the producer.
 */
export function toServerStream<T>(
  produce: (signal: AbortSignal) => AsyncIterable<T>,
  call?: WritableCall,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const abort = new AbortController();
    void (async () => {
      for await (const message of produce(abort.signal)) {
        if (abort.signal.aborted) {
          return;
        }
        subscriber.next(message);
        if (call?.writableNeedDrain) {
          await Promise.race([once(call as never, 'drain'), once(call as never, 'close')]);
        }
      }
      subscriber.complete();
    })().catch((err: unknown) => subscriber.error(err));
    return () => abort.abort();
  });
}
