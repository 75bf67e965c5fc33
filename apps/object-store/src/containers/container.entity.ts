import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '@tinystack/db';

/** A container. Names sort bytewise (COLLATE "C" on PostgreSQL, SQLite's BINARY). */
@Entity('containers')
@Index('ux_containers_account_name', ['account', 'name'], { unique: true })
export class ContainerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 256 })
  account!: string;

  @Column({ type: 'varchar', length: 256, collation: 'C' })
  name!: string;

  /** User metadata (X-Container-Meta-*), JSON. */
  @Column({ type: 'text', default: '{}' })
  meta!: string;

  @Column({ name: 'read_acl', type: 'text', nullable: true })
  readAcl!: string | null;

  @Column({ name: 'write_acl', type: 'text', nullable: true })
  writeAcl!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;

  /** Last PUT/POST of the container itself, ms. */
  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintNumber })
  updatedAt!: number;
}
