import { Injectable } from '@nestjs/common';

/**
 * Runs the service's writes one at a time. IP and MAC allocation, quota checks and the
 * default security group are read-then-write; serialising them in this one process keeps
 * them exact (the database's unique keys still refuse a duplicate from anywhere else).
 */
@Injectable()
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
