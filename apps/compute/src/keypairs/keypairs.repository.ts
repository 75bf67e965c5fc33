import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { conflict } from '@tinystack/errors';
import { DataSource, MoreThan, type Repository } from 'typeorm';
import { KeypairEntity } from './keypair.entity.js';

@Injectable()
export class KeypairsRepository {
  private readonly repo: Repository<KeypairEntity>;

  constructor(@Inject(DataSource) ds: DataSource) {
    this.repo = ds.getRepository(KeypairEntity);
  }

  find(userId: string, name: string): Promise<KeypairEntity | null> {
    return this.repo.findOneBy({ userId, name });
  }

  /** A user's key pairs in name order, after `marker` (a name) when given. */
  list(userId: string, limit: number, marker?: string): Promise<KeypairEntity[]> {
    return this.repo.find({
      where: marker === undefined ? { userId } : { userId, name: MoreThan(marker) },
      order: { name: 'ASC' },
      take: limit,
    });
  }

  async insert(kp: Omit<KeypairEntity, 'id'>): Promise<KeypairEntity> {
    try {
      return await this.repo.save(Object.assign(new KeypairEntity(), kp));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict(`Key pair '${kp.name}' already exists.`);
      }
      throw err;
    }
  }

  async delete(userId: string, name: string): Promise<boolean> {
    const res = await this.repo.delete({ userId, name });
    return (res.affected ?? 0) > 0;
  }
}
