import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from './image.entity.js';

/** A custom (additional) image property: Glance keeps them as top-level string keys. */
@Entity({ name: 'image_properties' })
export class ImagePropertyEntity {
  @PrimaryColumn({ name: 'image_id', type: 'varchar', length: 36 })
  imageId!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'fk_image_properties_image' })
  image?: ImageEntity;
}
