import { bigintNumber } from '@tinystack/db';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from '../images/image.entity.js';

/**
 * Data staged for the interoperable import (PUT /stage): already stored, hashed and
 * inspected, waiting for POST /import to make it the image's data.
 */
@Entity({ name: 'image_staging' })
export class ImageStagingEntity {
  @PrimaryColumn({ name: 'image_id', type: 'varchar', length: 36 })
  imageId!: string;

  @Column({ name: 'data_key', type: 'varchar', length: 255 })
  dataKey!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size!: number;

  @Column({ type: 'varchar', length: 32 })
  checksum!: string;

  @Column({ name: 'os_hash_value', type: 'varchar', length: 128 })
  osHashValue!: string;

  @Column({ name: 'virtual_size', type: 'bigint', nullable: true, transformer: bigintNumber })
  virtualSize!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'fk_image_staging_image' })
  image?: ImageEntity;
}
