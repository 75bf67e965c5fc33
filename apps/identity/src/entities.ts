import { ApplicationCredentialEntity } from './app-credentials/application-credential.entity.js';
import { RoleAssignmentEntity } from './assignments/role-assignment.entity.js';
import { EndpointEntity } from './catalog/endpoint.entity.js';
import { RegionEntity } from './catalog/region.entity.js';
import { ServiceEntity } from './catalog/service.entity.js';
import { DomainEntity } from './domains/domain.entity.js';
import { GroupEntity, GroupMembershipEntity } from './groups/group.entity.js';
import { SigningKeyEntity } from './keys/signing-key.entity.js';
import { ProjectEntity } from './projects/project.entity.js';
import { RevocationEventEntity } from './revocations/revocation-event.entity.js';
import { ImpliedRoleEntity, RoleEntity } from './roles/role.entity.js';
import { UserEntity } from './users/user.entity.js';

/** Every entity of the identity database. */
export const IDENTITY_ENTITIES = [
  DomainEntity,
  ProjectEntity,
  UserEntity,
  GroupEntity,
  GroupMembershipEntity,
  RoleEntity,
  ImpliedRoleEntity,
  RoleAssignmentEntity,
  ApplicationCredentialEntity,
  RegionEntity,
  ServiceEntity,
  EndpointEntity,
  SigningKeyEntity,
  RevocationEventEntity,
];
