import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from '../images/image.entity.js';

/** One tag of an image. */
@Entity({ name: 'image_tags' })
@Index('ix_image_tags_value', ['value'])
export class ImageTagEntity {
  @PrimaryColumn({ name: 'image_id', type: 'varchar', length: 36 })
  imageId!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  value!: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'fk_image_tags_image' })
  image?: ImageEntity;
}
