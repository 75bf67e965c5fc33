import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'parent_region_id', type: 'varchar', length: 255, nullable: true })
  parentRegionId!: string | null;

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;
}
