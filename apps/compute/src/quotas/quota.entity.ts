import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A project's own limit for one resource; absent rows take the configured default. */
@Entity({ name: 'quotas' })
export class QuotaEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  resource!: string;

  /** -1 for unlimited. */
  @Column({ name: 'hard_limit', type: 'integer' })
  hardLimit!: number;
}
