import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/** A flavor (Nova's `flavors` table, keyed by the public flavor id). */
@Entity({ name: 'flavors' })
@Index('uq_flavors_name', ['name'], { unique: true })
export class FlavorEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'integer' })
  vcpus!: number;

  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

  @Column({ name: 'root_gb', type: 'integer' })
  rootGb!: number;

  @Column({ name: 'ephemeral_gb', type: 'integer' })
  ephemeralGb!: number;

  /** Swap in MiB; 0 for none. */
  @Column({ type: 'integer' })
  swap!: number;

  @Column({ name: 'rxtx_factor', type: 'double precision' })
  rxtxFactor!: number;

  @Column({ name: 'is_public', type: 'boolean' })
  isPublic!: boolean;

  @Column({ type: 'boolean' })
  disabled!: boolean;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column(msColumn('created_at'))
  createdAt!: number;
}
