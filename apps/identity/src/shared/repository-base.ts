import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { inTransaction } from './after-commit.js';
import type { ReadCache } from './read-cache.js';

/** Common base of the identity repositories: the repository for the DataSource or a transaction. */
export abstract class RepositoryBase<E extends ObjectLiteral> {
  protected constructor(
    protected readonly ds: DataSource,
    private readonly entity: EntityTarget<E>,
    protected readonly cache: ReadCache,
  ) {}

  /** Call after every write: cached reads must not outlive it. */
  protected changed(): void {
    this.cache.invalidate();
  }

  protected repo(m?: EntityManager): Repository<E> {
    return (m ?? this.ds.manager).getRepository(this.entity);
  }

  /** INSERT (never UPDATE): a duplicate key fails with a unique violation. */
  protected async insertRow(row: E, m?: EntityManager): Promise<void> {
    await this.repo(m).insert(row);
    this.changed();
  }

  /** Run `fn` in one transaction. */
  async transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.ds, fn);
    } finally {
      this.changed(); // again after commit: a read during the transaction may have cached old rows
    }
  }
}
