import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { AggregatesRestController } from './aggregates.rest-controller.js';
import { HypervisorsRestController } from './hypervisors.rest-controller.js';
import { HypervisorsService } from './hypervisors.service.js';

@Module({
  imports: [AgentsModule, ServersDataModule],
  controllers: [HypervisorsRestController, AggregatesRestController],
  providers: [HypervisorsService],
})
export class HypervisorsModule {}
