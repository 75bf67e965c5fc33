import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A catalog service (identity, image, object-store, compute, ...). */
@Entity({ name: 'services' })
export class ServiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  type!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;
}
