import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Keystone project. Top-level projects have parentId = their domain id, as in Keystone. */
@Entity({ name: 'projects' })
@Index('uq_projects_domain_name', ['domainId', 'name'], { unique: true })
@Index('ix_projects_parent', ['parentId'])
export class ProjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'domain_id', type: 'varchar', length: 64 })
  domainId!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 64 })
  parentId!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'simple-json' })
  tags!: string[];

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}
