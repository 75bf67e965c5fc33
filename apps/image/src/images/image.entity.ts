import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One Glance image record. Custom properties, tags and members live in their own tables. */
@Entity({ name: 'images' })
@Index('ix_images_owner', ['owner'])
@Index('ix_images_visibility', ['visibility'])
@Index('ix_images_created_at', ['createdAt'])
export class ImageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  /** Project id of the owner. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  owner!: string | null;

  @Column({ type: 'varchar', length: 30 })
  status!: string;

  @Column({ type: 'varchar', length: 20 })
  visibility!: string;

  @Column({ name: 'disk_format', type: 'varchar', length: 20, nullable: true })
  diskFormat!: string | null;

  @Column({ name: 'container_format', type: 'varchar', length: 20, nullable: true })
  containerFormat!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  size!: number | null;

  @Column({ name: 'virtual_size', type: 'bigint', nullable: true, transformer: bigintNumber })
  virtualSize!: number | null;

  /** MD5 of the data (hex). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  checksum!: string | null;

  @Column({ name: 'os_hash_algo', type: 'varchar', length: 64, nullable: true })
  osHashAlgo!: string | null;

  @Column({ name: 'os_hash_value', type: 'varchar', length: 128, nullable: true })
  osHashValue!: string | null;

  @Column({ name: 'min_disk', type: 'integer' })
  minDisk!: number;

  @Column({ name: 'min_ram', type: 'integer' })
  minRam!: number;

  @Column({ type: 'boolean' })
  protected!: boolean;

  @Column({ name: 'os_hidden', type: 'boolean' })
  osHidden!: boolean;

  /** Object name of the image data in the image store; null while there is none. */
  @Column({ name: 'data_key', type: 'varchar', length: 255, nullable: true })
  dataKey!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: bigintNumber })
  updatedAt!: number;
}
