import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ConductorModule } from '../conductor/conductor.module.js';
import { FlavorsModule } from '../flavors/flavors.module.js';
import { KeypairsModule } from '../keypairs/keypairs.module.js';
import { QuotasModule } from '../quotas/quotas.module.js';
import { ServerActionsModule } from '../server-actions/server-actions.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { AgentSessionsService } from './agent-sessions.service.js';
import { ComputeGrpcController } from './compute.grpc-controller.js';

@Module({
  imports: [AgentsModule, ConductorModule, ServersModule, ServerActionsModule, KeypairsModule, FlavorsModule, QuotasModule],
  controllers: [ComputeGrpcController],
  providers: [AgentSessionsService],
})
export class ComputeGrpcModule {}
