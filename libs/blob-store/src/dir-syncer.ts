import { closeSync, fsync, openSync } from 'node:fs';
import { promisify } from 'node:util';

const fsyncAsync = promisify(fsync);

/**
 * fsync(2) of directories, coalesced: callers that ask for a directory while an fsync of
 * it is already queued share that next fsync; one that is running does not count, since
 * it may have started before the caller's rename. Many renames into one directory thus
 * cost one fsync, not one each, and every caller still waits for an fsync that started
 * after its own change.
 */
export class DirSyncer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  sync(dir: string): Promise<void> {
    const waiting = this.queued.get(dir);
    if (waiting) {
      return waiting;
    }
    const previous = this.running.get(dir) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        this.queued.delete(dir);
        this.running.set(dir, next);
        try {
          await fsyncPath(dir);
        } finally {
          if (this.running.get(dir) === next) {
            this.running.delete(dir);
          }
        }
      });
    this.queued.set(dir, next);
    return next;
  }
}

/**
 * fsync(2) of a file or directory by path. Opening an existing path for reading and closing
 * it wait for no disk I/O, so they are made directly; only the fsync goes through the
 * thread pool (one trip instead of three: each trip wakes a pool thread, which on a busy
 * machine costs the event loop more than the call).
 */
export async function fsyncPath(path: string): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}
