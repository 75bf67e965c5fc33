import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An application credential: a secret (stored as an argon2id hash) standing for a user on one project. */
@Entity({ name: 'application_credentials' })
@Index('uq_app_creds_user_name', ['userId', 'name'], { unique: true })
@Index('ix_app_creds_project', ['projectId'])
export class ApplicationCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  expiresAt!: number | null;

  @Column({ type: 'boolean' })
  unrestricted!: boolean;

  /** Role ids the credential delegates (a subset of the creator's roles on the project). */
  @Column({ name: 'role_ids', type: 'simple-json' })
  roleIds!: string[];

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}
