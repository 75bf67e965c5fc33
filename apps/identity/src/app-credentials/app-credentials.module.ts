import { Module } from '@nestjs/common';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { UsersModule } from '../users/users.module.js';
import { AppCredentialVerifierService } from './app-credential-verifier.service.js';
import { AppCredentialsController } from './app-credentials.controller.js';
import { AppCredentialsService } from './app-credentials.service.js';

@Module({
  imports: [UsersModule, RevocationsModule],
  controllers: [AppCredentialsController],
  providers: [AppCredentialVerifierService, AppCredentialsService],
  exports: [AppCredentialVerifierService, AppCredentialsService],
})
export class AppCredentialsModule {}
