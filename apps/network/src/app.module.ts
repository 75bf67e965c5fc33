import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tinystack/auth';
import { DatabaseModule } from '@tinystack/db';
import { HealthModule } from '@tinystack/http';
import { AutoAllocationModule } from './auto-allocation/auto-allocation.module.js';
import { NETWORK_CONFIG, type NetworkConfig } from './config.js';
import { NETWORK_ENTITIES } from './entities.js';
import { FloatingIpsModule } from './floating-ips/floating-ips.module.js';
import { VersionsRestController } from './http/versions.rest-controller.js';
import { NETWORK_MIGRATIONS } from './migrations/index.js';
import { NetworksModule } from './networks/networks.module.js';
import { PortsModule } from './ports/ports.module.js';
import { QuotasModule } from './quotas/quotas.module.js';
import { RoutersModule } from './routers/routers.module.js';
import { ServerPortsModule } from './server-ports/server-ports.module.js';
import { SecurityGroupsModule } from './security-groups/security-groups.module.js';
import { SubnetsModule } from './subnets/subnets.module.js';

/** The frozen config, available everywhere as NETWORK_CONFIG. */
@Global()
@Module({})
class NetworkConfigModule {
  static forRoot(config: NetworkConfig): DynamicModule {
    return { module: NetworkConfigModule, providers: [{ provide: NETWORK_CONFIG, useValue: config }], exports: [NETWORK_CONFIG] };
  }
}

export interface NetworkAppOptions {
  readonly config: NetworkConfig;
}

/** The network service: Neutron v2.0 REST, its database, and identity for tokens. */
@Module({})
export class NetworkAppModule {
  static forRoot(opts: NetworkAppOptions): DynamicModule {
    const { config } = opts;
    return {
      module: NetworkAppModule,
      imports: [
        NetworkConfigModule.forRoot(config),
        HealthModule.forRoot(),
        DatabaseModule.forRoot({
          service: 'network',
          dataDir: config.TINYSTACK_DATA_DIR,
          databaseUrl: config.NETWORK_DATABASE_URL,
          entities: NETWORK_ENTITIES,
          migrations: NETWORK_MIGRATIONS,
        }),
        AuthModule.forRoot({
          identityGrpcUrl: config.IDENTITY_GRPC_URL,
          serviceUser: { name: 'network', password: config.TINYSTACK_SERVICE_PASSWORD },
        }),
        QuotasModule,
        NetworksModule,
        SubnetsModule,
        SecurityGroupsModule,
        PortsModule,
        RoutersModule,
        FloatingIpsModule,
        AutoAllocationModule,
        ServerPortsModule,
      ],
      controllers: [VersionsRestController],
    };
  }
}
