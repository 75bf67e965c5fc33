import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../storage/raw-query.js';
import { AccountEntity } from './account.entity.js';

export interface AccountStats {
  readonly containers: number;
  readonly objects: number;
  readonly bytes: number;
}

@Injectable()
export class AccountsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  find(name: string): Promise<AccountEntity | null> {
    return this.ds.getRepository(AccountEntity).findOneBy({ name });
  }

  /** Creates the account row when missing (inside a write batch). */
  async ensure(em: EntityManager, name: string, now: number): Promise<AccountEntity> {
    const repo = em.getRepository(AccountEntity);
    const found = await repo.findOneBy({ name });
    if (found) {
      return found;
    }
    const row = repo.create({ name, meta: '{}', createdAt: now });
    await repo.insert(row);
    return row;
  }

  async stats(name: string): Promise<AccountStats> {
    const c = await queryRows<{ n: unknown }>(this.ds, 'SELECT COUNT(*) AS n FROM containers WHERE account = ?', [name]);
    const o = await queryRows<{ n: unknown; bytes: unknown }>(
      this.ds,
      'SELECT COUNT(*) AS n, COALESCE(SUM(o.size), 0) AS bytes FROM objects o JOIN containers c ON o.container_id = c.id WHERE c.account = ?',
      [name],
    );
    return { containers: Number(c[0]?.n ?? 0), objects: Number(o[0]?.n ?? 0), bytes: Number(o[0]?.bytes ?? 0) };
  }
}
