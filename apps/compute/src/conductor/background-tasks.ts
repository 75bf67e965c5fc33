import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';

/**
 * Work that outlives the request that started it (builds, power actions): logged when it
 * fails, and awaited at shutdown so the process never stops halfway through a state change.
 */
@Injectable()
export class BackgroundTasks implements OnApplicationShutdown {
  private readonly log = loggerFor('BackgroundTasks');
  private readonly running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<unknown>): void {
    const p = (async () => {
      try {
        await work();
      } catch (err) {
        this.log.error({ err, task: name }, 'background task failed');
      }
    })();
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** Resolves once every task started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }

  /** Waits for running work, at most 10 s: a stuck agent call must not hold the process. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
  }
}
