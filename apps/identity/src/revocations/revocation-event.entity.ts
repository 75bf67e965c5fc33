import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A persisted revocation event (see RevocationRule in @tinystack/auth). */
@Entity({ name: 'revocation_events' })
@Index('ix_revocation_events_expires', ['expiresAt'])
export class RevocationEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'user_id', type: 'varchar', length: 64, nullable: true })
  userId!: string | null;

  @Column({ name: 'project_id', type: 'varchar', length: 64, nullable: true })
  projectId!: string | null;

  @Column({ name: 'domain_id', type: 'varchar', length: 64, nullable: true })
  domainId!: string | null;

  @Column({ name: 'audit_id', type: 'varchar', length: 64, nullable: true })
  auditId!: string | null;

  @Column({ name: 'application_credential_id', type: 'varchar', length: 64, nullable: true })
  applicationCredentialId!: string | null;

  @Column({ name: 'issued_before', type: 'bigint', transformer: bigintNumber })
  issuedBefore!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintNumber })
  expiresAt!: number;
}
