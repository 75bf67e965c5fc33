import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { InstanceActionsModule } from '../instance-actions/instance-actions.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { AgentLookup } from './agent-lookup.service.js';
import { BackgroundTasks } from './background-tasks.js';
import { BuildConductor } from './build.conductor.js';
import { PowerSyncService } from './power-sync.service.js';
import { RecoveryService } from './recovery.service.js';
import { ServerCleanup } from './server-cleanup.service.js';
import { ServerOpsConductor } from './server-ops.conductor.js';

/** The conductor: builds, server actions, deletes, power sync and recovery, through the agents. */
@Module({
  imports: [AgentsModule, SchedulerModule, ServersDataModule, InstanceActionsModule],
  providers: [AgentLookup, BackgroundTasks, BuildConductor, ServerCleanup, ServerOpsConductor, PowerSyncService, RecoveryService],
  exports: [BuildConductor, ServerOpsConductor, ServerCleanup, PowerSyncService, BackgroundTasks, AgentLookup],
})
export class ConductorModule {}
