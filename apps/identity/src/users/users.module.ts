import { Module } from '@nestjs/common';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { UserCredentialsService } from './user-credentials.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [RevocationsModule],
  controllers: [UsersController],
  providers: [UsersService, UserCredentialsService],
  exports: [UsersService, UserCredentialsService],
})
export class UsersModule {}
