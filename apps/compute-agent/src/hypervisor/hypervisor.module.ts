import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ServiceTokenProvider } from '@tinystack/auth';
import { HealthRegistry } from '@tinystack/http';
import { LibvirtDriver, type HypervisorDriver, type ImageSource } from '@tinystack/hypervisor';
import { loggerFor } from '@tinystack/logging';
import { stateDirOf, type ComputeAgentConfig } from '../config.js';
import { createImageClient, GrpcImageSource } from '../images/grpc-image.source.js';
import { HYPERVISOR_DRIVER } from './hypervisor.tokens.js';

export interface HypervisorModuleOptions {
  readonly config: ComputeAgentConfig;
  /** Tests: a driver of their own (e.g. on test:///default). */
  readonly driver?: HypervisorDriver;
  /** Tests: where base images come from instead of the image service. */
  readonly imageSource?: ImageSource;
}

/** The libvirt driver for LIBVIRT_URI, its state under <data dir>/compute-agent-<host>/. */
export function createDriver(config: ComputeAgentConfig, imageSource: ImageSource): LibvirtDriver {
  return new LibvirtDriver({
    uri: config.LIBVIRT_URI,
    stateDir: stateDirOf(config),
    virtType: config.COMPUTE_AGENT_VIRT_TYPE,
    guestUser: config.COMPUTE_AGENT_GUEST_USER,
    cpuMode: config.COMPUTE_AGENT_CPU_MODE,
    imageSource,
  });
}

/** Connects the driver at start (a libvirtd that is down only makes /healthz fail), closes it at the end. */
@Global()
@Module({})
export class HypervisorModule implements OnModuleInit, OnApplicationShutdown {
  private readonly log = loggerFor('HypervisorModule');

  constructor(
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  static forRoot(opts: HypervisorModuleOptions): DynamicModule {
    return {
      module: HypervisorModule,
      providers: [
        {
          provide: HYPERVISOR_DRIVER,
          inject: [ServiceTokenProvider],
          useFactory: (tokens: ServiceTokenProvider) =>
            opts.driver ??
            createDriver(
              opts.config,
              opts.imageSource ??
                new GrpcImageSource(createImageClient(opts.config.IMAGE_GRPC_URL), tokens),
            ),
        },
      ],
      exports: [HYPERVISOR_DRIVER],
    };
  }

  async onModuleInit(): Promise<void> {
    this.health.add({ name: 'hypervisor', check: () => this.driver.init() });
    try {
      await this.driver.init();
      const caps = await this.driver.capabilities();
      this.log.info(
        { domainType: caps.domainType, hypervisorVersion: caps.hypervisorVersion },
        'hypervisor connected',
      );
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'hypervisor not reachable yet');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
