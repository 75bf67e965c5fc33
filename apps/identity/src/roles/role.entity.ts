import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Global roles have domainId = '' (Keystone stores a sentinel too); the API shows null. */
export const GLOBAL_ROLE_DOMAIN = '';

@Entity({ name: 'roles' })
@Index('uq_roles_domain_name', ['domainId', 'name'], { unique: true })
export class RoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'domain_id', type: 'varchar', length: 64 })
  domainId!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'simple-json' })
  extra!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumber })
  createdAt!: number;
}

/** prior role implies implied role (admin implies member implies reader). */
@Entity({ name: 'implied_roles' })
@Index('ix_implied_roles_implied', ['impliedRoleId'])
export class ImpliedRoleEntity {
  @PrimaryColumn({ name: 'prior_role_id', type: 'varchar', length: 64 })
  priorRoleId!: string;

  @PrimaryColumn({ name: 'implied_role_id', type: 'varchar', length: 64 })
  impliedRoleId!: string;
}
