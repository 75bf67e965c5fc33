import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { msColumn } from '../shared/column.js';

/** A key pair of one user (Nova's `key_pairs`: the integer id is part of the API at 2.1). */
@Entity({ name: 'key_pairs' })
@Index('uq_key_pairs_user_name', ['userId', 'name'], { unique: true })
export class KeypairEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ type: 'varchar', length: 255 })
  fingerprint!: string;

  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** ssh or x509. */
  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column(msColumn('created_at'))
  createdAt!: number;
}
