import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from '../images/image.entity.js';

/** A project an image is shared with, and whether that project accepted it. */
@Entity({ name: 'image_members' })
@Index('ix_image_members_member', ['member'])
export class ImageMemberEntity {
  @PrimaryColumn({ name: 'image_id', type: 'varchar', length: 36 })
  imageId!: string;

  /** Project id of the member. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  member!: string;

  /** pending, accepted or rejected. */
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintNumber })
  updatedAt!: number;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'fk_image_members_image' })
  image?: ImageEntity;
}
