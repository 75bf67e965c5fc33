import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '@tinystack/db';

/** A Swift account (`AUTH_<project id>`), created on first write (account_autocreate). */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  /** User metadata (X-Account-Meta-*), JSON. */
  @Column({ type: 'text', default: '{}' })
  meta!: string;

  /** X-Timestamp of creation, ms. */
  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}
