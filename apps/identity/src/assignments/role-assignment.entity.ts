import { Entity, Index, PrimaryColumn } from 'typeorm';

export const ASSIGNMENT_TYPES = [
  'UserProject',
  'GroupProject',
  'UserDomain',
  'GroupDomain',
] as const;
export type AssignmentType = (typeof ASSIGNMENT_TYPES)[number];

/** One grant of a role to a user or group on a project or domain (Keystone's `assignment` table). */
@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_target', ['targetId'])
@Index('ix_role_assignments_role', ['roleId'])
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  type!: AssignmentType;

  @PrimaryColumn({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @PrimaryColumn({ name: 'target_id', type: 'varchar', length: 64 })
  targetId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 64 })
  roleId!: string;
}
