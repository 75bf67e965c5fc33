import { once } from 'node:events';
import { Observable } from 'rxjs';

/** The parts of a grpc-js server call the bridges use for flow control. */
export interface ReadableCall {
  pause(): void;
  resume(): void;
  readonly cancelled?: boolean;
}
export interface WritableCall {
  readonly writableNeedDrain?: boolean;
  once(event: 'drain' | 'cancelled' | 'close', listener: () => void): unknown;
  readonly cancelled?: boolean;
}

/** Messages waiting to be read, pausing the call above `highWater` and resuming below half of it. */
class PausingQueue<T> {
  private readonly queue: T[] = [];
  private held = false;
  private done = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly call: ReadableCall | undefined,
    private readonly highWater: number,
  ) {}

  /** Keep the call paused until release(), whatever the queue length. */
  hold(): void {
    this.held = true;
    this.call?.pause();
  }

  release(): void {
    this.held = false;
    if (this.queue.length < this.highWater) {
      this.call?.resume();
    }
  }

  push(value: T): void {
    this.queue.push(value);
    if (this.queue.length >= this.highWater) {
      this.call?.pause();
    }
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  async *drain(onFinish: () => void): AsyncGenerator<T> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next !== undefined) {
          if (!this.held && this.queue.length < this.highWater / 2) {
            this.call?.resume();
          }
          yield next;
        } else if (this.failure) {
          throw this.failure.error;
        } else if (this.done) {
          return;
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
        }
      }
    } finally {
      onFinish();
    }
  }
}

/**
 * A client stream (Nest hands it over as an Observable) as an async iterable, pausing the
 * gRPC call while `highWater` messages wait, so a fast sender cannot fill our memory.
 * Subscribes at once, and holds the call paused for two turns of the event loop: Nest
 * replays the messages that arrived before the handler ran one setImmediate after the
 * handler returns, while newer ones reach the subscriber directly, so letting the call
 * flow earlier could put later bytes before earlier ones.
 */
export function fromClientStream<T>(source: Observable<T>, call?: ReadableCall, highWater = 8): AsyncGenerator<T> {
  const queue = new PausingQueue<T>(call, highWater);
  queue.hold();
  setImmediate(() => setImmediate(() => queue.release()));
  const sub = source.subscribe({
    next: (v) => queue.push(v),
    error: (e: unknown) => queue.fail(e),
    complete: () => queue.end(),
  });
  return queue.drain(() => sub.unsubscribe());
}

/**
 * An async iterable as the Observable a Nest server-streaming handler returns, producing
 * the next message only once the call has room for it (Nest writes each emission at once
 * and would otherwise buffer the whole stream). Unsubscribing stops the producer.
 */
export function toServerStream<T>(produce: (signal: AbortSignal) => AsyncIterable<T>, call?: WritableCall): Observable<T> {
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
