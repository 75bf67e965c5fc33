import { Module } from '@nestjs/common';
import { AppCredentialsModule } from '../app-credentials/app-credentials.module.js';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { AuthenticationModule } from '../auth/authentication.module.js';
import { DomainsModule } from '../domains/domains.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { UsersModule } from '../users/users.module.js';
import { AppCredentialsGrpcController } from './app-credentials.grpc-controller.js';
import { GroupsGrpcController } from './groups.grpc-controller.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcController } from './identity.grpc-controller.js';
import { ProjectsGrpcController } from './projects.grpc-controller.js';
import { RolesGrpcController } from './roles.grpc-controller.js';
import { UsersGrpcController } from './users.grpc-controller.js';

@Module({
  imports: [
    AuthenticationModule,
    TokensModule,
    KeysModule,
    RevocationsModule,
    UsersModule,
    ProjectsModule,
    AssignmentsModule,
    DomainsModule,
    GroupsModule,
    RolesModule,
    AppCredentialsModule,
  ],
  controllers: [
    IdentityGrpcController,
    UsersGrpcController,
    ProjectsGrpcController,
    GroupsGrpcController,
    RolesGrpcController,
    AppCredentialsGrpcController,
  ],
  providers: [GrpcCallerService],
})
export class IdentityGrpcModule {}
