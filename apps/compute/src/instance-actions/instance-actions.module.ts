import { Module } from '@nestjs/common';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { InstanceActionsRepository } from './instance-actions.repository.js';
import { InstanceActionsRestController } from './instance-actions.rest-controller.js';
import { InstanceActionsService } from './instance-actions.service.js';

@Module({
  imports: [ServersDataModule],
  controllers: [InstanceActionsRestController],
  providers: [InstanceActionsRepository, InstanceActionsService],
  exports: [InstanceActionsRepository, InstanceActionsService],
})
export class InstanceActionsModule {}
