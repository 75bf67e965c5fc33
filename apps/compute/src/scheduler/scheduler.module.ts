import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { SchedulerService } from './scheduler.service.js';

@Module({
  imports: [AgentsModule, ServersDataModule],
  providers: [SchedulerService],
  exports: [SchedulerService],
})
export class SchedulerModule {}
