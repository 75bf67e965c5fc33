import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '@tinystack/db';

export type ObjectKind = 'plain' | 'slo' | 'dlo';

/**
 * One object's metadata. Its bytes are the blob `blobKey` (a fresh key per write, so an
 * overwrite swaps rows atomically); SLO manifests keep their segment list in `manifest`,
 * DLO manifests their `container/prefix`.
 */
@Entity('objects')
@Index('ix_objects_delete_at', ['deleteAt'])
export class ObjectEntity {
  @PrimaryColumn({ name: 'container_id', type: 'varchar', length: 36 })
  containerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 1024, collation: 'C' })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ObjectKind;

  @Column({ name: 'blob_key', type: 'varchar', length: 64, nullable: true })
  blobKey!: string | null;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  etag!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 256 })
  contentType!: string;

  /** X-Timestamp of the write, ms (0.01 ms resolution). */
  @Column({ type: 'double precision' })
  timestamp!: number;

  /** User metadata (X-Object-Meta-*), JSON. */
  @Column({ type: 'text', default: '{}' })
  meta!: string;

  /** Other stored headers (Content-Disposition, Content-Encoding, ...), JSON. */
  @Column({ type: 'text', default: '{}' })
  headers!: string;

  /** Unix seconds after which the object is gone (X-Delete-At). */
  @Column({ name: 'delete_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  deleteAt!: number | null;

  @Column({ type: 'text', nullable: true })
  manifest!: string | null;
}
