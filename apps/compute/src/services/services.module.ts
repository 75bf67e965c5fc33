import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { ServicesRestController } from './services.rest-controller.js';
import { ServicesService } from './services.service.js';

@Module({
  imports: [AgentsModule, ServersDataModule],
  controllers: [ServicesRestController],
  providers: [ServicesService],
  exports: [ServicesService],
})
export class ServicesModule {}
