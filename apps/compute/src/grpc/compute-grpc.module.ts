import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ConductorModule } from '../conductor/conductor.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { AgentSessionsService } from './agent-sessions.service.js';
import { ComputeGrpcController } from './compute.grpc-controller.js';

@Module({
  imports: [AgentsModule, ConductorModule, ServersModule],
  controllers: [ComputeGrpcController],
  providers: [AgentSessionsService],
})
export class ComputeGrpcModule {}
