import { bigintNumber } from '@tinystack/db';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'groups' })
@Index('uq_groups_domain_name', ['domainId', 'name'], { unique: true })
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
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

/** A user's membership in a group. */
@Entity({ name: 'group_memberships' })
@Index('ix_group_memberships_user', ['userId'])
export class GroupMembershipEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 64 })
  groupId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;
}
