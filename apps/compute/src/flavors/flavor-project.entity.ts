import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FlavorEntity } from './flavor.entity.js';

/** A project that may use a private flavor (os-flavor-access). */
@Entity({ name: 'flavor_projects' })
export class FlavorProjectEntity {
  @PrimaryColumn({ name: 'flavor_id', type: 'varchar', length: 255 })
  flavorId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @ManyToOne(() => FlavorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flavor_id', foreignKeyConstraintName: 'fk_flavor_projects_flavor' })
  flavor?: FlavorEntity;
}
