import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { AuthenticationModule } from '../auth/authentication.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { UsersModule } from '../users/users.module.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcController } from './identity.grpc-controller.js';

@Module({
  imports: [
    AuthenticationModule,
    TokensModule,
    KeysModule,
    RevocationsModule,
    UsersModule,
    ProjectsModule,
    AssignmentsModule,
  ],
  controllers: [IdentityGrpcController],
  providers: [GrpcCallerService],
})
export class IdentityGrpcModule {}
