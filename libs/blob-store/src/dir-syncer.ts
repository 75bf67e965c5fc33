import { open } from 'node:fs/promises';

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

export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
