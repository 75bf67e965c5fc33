import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tinystack/auth';
import { NetworkWatcher } from './host-network/network-watcher.service.js';
import { HealthModule } from '@tinystack/http';
import {
  ComputeReporter,
  COMPUTE_CLIENT,
  createComputeClient,
  type ComputeClient,
} from './compute/compute-reporter.service.js';
import { HostInfoService } from './compute/host-info.service.js';
import { AGENT_CONFIG, type ComputeAgentConfig } from './config.js';
import { AgentGrpcController } from './grpc/agent.grpc-controller.js';
import { GuestsService } from './guests/guests.service.js';
import { HypervisorModule, type HypervisorModuleOptions } from './hypervisor/hypervisor.module.js';

/** The frozen config, available everywhere as AGENT_CONFIG. */
@Global()
@Module({})
class AgentConfigModule {
  static forRoot(config: ComputeAgentConfig): DynamicModule {
    return {
      module: AgentConfigModule,
      providers: [{ provide: AGENT_CONFIG, useValue: config }],
      exports: [AGENT_CONFIG],
    };
  }
}

export interface AgentAppOptions extends HypervisorModuleOptions {
  /** Tests: a compute client of their own. */
  readonly computeClient?: ComputeClient;
}

/** The compute agent: the agent gRPC contract over the hypervisor driver, and the reporter to compute. */
@Module({})
export class AgentAppModule {
  static forRoot(opts: AgentAppOptions): DynamicModule {
    const { config } = opts;
    return {
      module: AgentAppModule,
      imports: [
        AgentConfigModule.forRoot(config),
        HealthModule.forRoot(),
        AuthModule.forRoot({
          identityGrpcUrl: config.IDENTITY_GRPC_URL,
          serviceUser: { name: 'compute', password: config.TINYSTACK_SERVICE_PASSWORD },
        }),
        HypervisorModule.forRoot(opts),
      ],
      controllers: [AgentGrpcController],
      providers: [
        {
          provide: COMPUTE_CLIENT,
          useFactory: () => opts.computeClient ?? createComputeClient(config.COMPUTE_GRPC_URL),
        },
        GuestsService,
        HostInfoService,
        ComputeReporter,
        NetworkWatcher,
      ],
    };
  }
}
