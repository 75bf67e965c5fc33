import type { DataSource, EntityManager } from 'typeorm';

const pending = new WeakMap<EntityManager, Array<() => void>>();

/**
 * Run `fn` once the transaction `manager` belongs to has committed (at once when there is no
 * transaction), and never if it rolls back. Used for side effects outside the database, such
 * as publishing a revocation event, that must not happen for a write that did not.
 */
export function afterCommit(manager: EntityManager | undefined, fn: () => void): void {
  const list = manager ? pending.get(manager) : undefined;
  if (list) {
    list.push(fn);
  } else {
    fn();
  }
}

/** `ds.transaction(fn)` that runs the afterCommit callbacks registered inside it after COMMIT. */
export async function inTransaction<T>(
  ds: DataSource,
  fn: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const callbacks: Array<() => void> = [];
  const result = await ds.transaction(async (m) => {
    pending.set(m, callbacks);
    return fn(m);
  });
  for (const cb of callbacks) {
    cb();
  }
  return result;
}
