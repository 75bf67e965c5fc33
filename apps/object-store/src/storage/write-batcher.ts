import { closeSync, fdatasync, openSync } from 'node:fs';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { loggerFor } from '@tinystack/logging';

type Op<T> = (em: EntityManager) => Promise<T>;
interface Pending {
  readonly op: Op<unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

const MAX_BATCH = 256;
const fdatasyncAsync = promisify(fdatasync);

/**
 * Group commit: every metadata write of the service goes through here. Writes that
 * arrive while a commit is running are committed together in the next transaction, so
 * one durable commit acknowledges many PUTs. Each caller's promise settles only after
 * its transaction is durable. When a batch fails, its writes are retried one by one so
 * one bad write fails alone.
 *
 * SQLite: better-sqlite3 runs on the main thread, so a commit with synchronous=FULL
 * would block every request for the WAL fsync. The database runs with
 * synchronous=NORMAL (WAL), and the batcher fdatasyncs the WAL file itself, off the
 * main thread, after each commit and before settling: the same guarantee as FULL (the
 * commit's WAL frames are on disk before anyone is told it succeeded).
 */
@Injectable()
export class WriteBatcher {
  private readonly log = loggerFor('WriteBatcher');
  private readonly queue: Pending[] = [];
  private running = false;
  private scheduled = false;

  private readonly walPath: string | undefined;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    const db = ds.options.type === 'better-sqlite3' ? ds.options.database : undefined;
    this.walPath = typeof db === 'string' && db !== ':memory:' ? `${db}-wal` : undefined;
  }

  run<T>(op: Op<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled && !this.running) {
        this.scheduled = true;
        // Let the writes that complete in this turn of the event loop join the batch.
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    });
  }

  private async drain(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.commit(this.queue.splice(0, MAX_BATCH));
        // SQLite commits block the event loop (better-sqlite3 is synchronous): give the
        // I/O that queued up meanwhile a turn, so its writes join the next batch.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.ds.transaction(async (em) => {
        const out: unknown[] = [];
        for (const p of batch) {
          out.push(await p.op(em));
        }
        return out;
      });
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
      this.log.debug({ size: batch.length }, 'batch failed; retrying its writes one by one');
      for (const p of batch) {
        await this.commit([p]);
      }
      return;
    }
    try {
      await this.syncWal();
    } catch (err) {
      batch.forEach((p) => p.reject(err));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  private async syncWal(): Promise<void> {
    if (!this.walPath) {
      return;
    }
    // open and close wait for no disk I/O: only the fdatasync goes through the thread pool.
    const fd = openSync(this.walPath, 'r');
    try {
      await fdatasyncAsync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
