import { Injectable } from '@nestjs/common';

/**
 * Runs the service's writes one at a time, and tells whoever watches (the hosts' data
 * plane streams) that something changed. IP and MAC allocation, quota checks and the
 * default security group are read-then-write; serialising them in this one process keeps
 * them exact (the database's unique keys still refuse a duplicate from anywhere else).
 */
@Injectable()
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  /** Runs `fn` after every write before it; listeners hear of it once it succeeded. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next.then((value) => {
      for (const l of this.listeners) {
        l();
      }
      return value;
    });
  }

  /** Calls `listener` after each successful write; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
