import { Injectable } from '@nestjs/common';

/** Entries live at most this long: other identity instances sharing the database may write. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

/**
 * A small read-through cache for the token issue paths (domains, projects, users by id,
 * effective roles). Any write through the repositories, and any revocation event (local or
 * from another instance), empties it, so a change made here is seen at once and a
 * security-relevant change made elsewhere (it always comes with a revocation event) within
 * the revocation poll interval. Cached values are shared: callers must not mutate them.
 */
@Injectable()
export class ReadCache {
  private generation = 0;
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < TTL_MS) {
      return hit.value as Promise<T>;
    }
    const generation = this.generation;
    const value = load();
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
    }
    this.entries.set(key, { at: now, value });
    try {
      return await value;
    } catch (err) {
      this.entries.delete(key);
      throw err;
    } finally {
      if (generation !== this.generation) {
        this.entries.delete(key);
      }
    }
  }

  /** Forget everything (after any write). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
