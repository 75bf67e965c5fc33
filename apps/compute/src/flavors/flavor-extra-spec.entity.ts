import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FlavorEntity } from './flavor.entity.js';

/** One extra spec of a flavor (`hw:cpu_policy`, ...). */
@Entity({ name: 'flavor_extra_specs' })
export class FlavorExtraSpecEntity {
  @PrimaryColumn({ name: 'flavor_id', type: 'varchar', length: 255 })
  flavorId!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;

  @ManyToOne(() => FlavorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flavor_id', foreignKeyConstraintName: 'fk_flavor_extra_specs_flavor' })
  flavor?: FlavorEntity;
}
