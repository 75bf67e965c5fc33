import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Keystone domain: the namespace of projects, users, groups (and domain-specific roles). */
@Entity({ name: 'domains' })
@Index('uq_domains_name', ['name'], { unique: true })
export class DomainEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** Attributes Keystone does not know, kept and returned as given. */
  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}
