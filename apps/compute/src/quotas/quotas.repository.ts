import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { KeypairEntity } from '../keypairs/keypair.entity.js';
import { ServerEntity } from '../servers/server.entity.js';
import type { Usage } from './quota-resources.js';
import { QuotaEntity } from './quota.entity.js';

/** Project quota rows, and the usage they are checked against (counted, as Nova counts since Pike). */
@Injectable()
export class QuotasRepository {
  private readonly quotas: Repository<QuotaEntity>;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    this.quotas = ds.getRepository(QuotaEntity);
  }

  async limits(projectId: string): Promise<Map<string, number>> {
    const rows = await this.quotas.findBy({ projectId });
    return new Map(rows.map((r) => [r.resource, r.hardLimit]));
  }

  async set(projectId: string, values: Record<string, number>): Promise<void> {
    const rows = Object.entries(values).map(([resource, hardLimit]) => ({ projectId, resource, hardLimit }));
    if (rows.length > 0) {
      await this.quotas.upsert(rows, ['projectId', 'resource']);
    }
  }

  async reset(projectId: string): Promise<void> {
    await this.quotas.delete({ projectId });
  }

  /** Servers, vCPUs and RAM of the project's servers that are not deleted. */
  async serverUsage(projectId: string): Promise<Usage> {
    const row = await this.ds
      .getRepository(ServerEntity)
      .createQueryBuilder('s')
      .select('COUNT(*)', 'instances')
      .addSelect('COALESCE(SUM(s.vcpus), 0)', 'cores')
      .addSelect('COALESCE(SUM(s.memory_mb), 0)', 'ram')
      .where('s.project_id = :projectId', { projectId })
      .andWhere('s.deleted_at IS NULL')
      .getRawOne<{ instances: string | number; cores: string | number; ram: string | number }>();
    return { instances: Number(row?.instances ?? 0), cores: Number(row?.cores ?? 0), ram: Number(row?.ram ?? 0) };
  }

  keypairCount(userId: string): Promise<number> {
    return this.ds.getRepository(KeypairEntity).countBy({ userId });
  }

}
