import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Keystone user with a local password (argon2id hash) and lockout bookkeeping. */
@Entity({ name: 'users' })
@Index('uq_users_domain_name', ['domainId', 'name'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'domain_id', type: 'varchar', length: 64 })
  domainId!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'default_project_id', type: 'varchar', length: 64, nullable: true })
  defaultProjectId!: string | null;

  /** PHC string (argon2id); null = the user cannot log in with a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({
    name: 'password_changed_at',
    type: 'bigint',
    nullable: true,
    transformer: bigintNumber,
  })
  passwordChangedAt!: number | null;

  @Column({ name: 'failed_auth_count', type: 'integer' })
  failedAuthCount!: number;

  @Column({ name: 'failed_auth_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  failedAuthAt!: number | null;

  /** Keystone user options (ignore_lockout_failure_attempts, ...). */
  @Column({ type: 'simple-json' })
  options!: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}
