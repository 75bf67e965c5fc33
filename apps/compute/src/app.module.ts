import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tinystack/auth';
import { DatabaseModule } from '@tinystack/db';
import { HealthModule } from '@tinystack/http';
import type { ComputeConfig } from './config.js';
import { COMPUTE_ENTITIES } from './entities.js';
import { FlavorsModule } from './flavors/flavors.module.js';
import { ComputeCoreModule } from './http/core.module.js';
import { VersionsRestController } from './http/versions.rest-controller.js';
import { KeypairsModule } from './keypairs/keypairs.module.js';
import { COMPUTE_MIGRATIONS } from './migrations/index.js';
import { QuotasModule } from './quotas/quotas.module.js';
import { AvailabilityZonesModule } from './availability-zones/availability-zones.module.js';
import { GatewaysModule, type Gateways } from './gateways.module.js';
import { ComputeGrpcModule } from './grpc/compute-grpc.module.js';
import { HypervisorsModule } from './hypervisors/hypervisors.module.js';
import { InstanceActionsModule } from './instance-actions/instance-actions.module.js';
import { ServerActionsModule } from './server-actions/server-actions.module.js';
import { ServerMetadataModule } from './server-metadata/server-metadata.module.js';
import { ServerInterfacesModule } from './networking/server-interfaces.module.js';
import { ServersModule } from './servers/servers.module.js';
import { ServicesModule } from './services/services.module.js';

/** The compute service: Nova's v2.1 REST API, the compute gRPC contract, scheduler and conductor. */
@Module({})
export class ComputeAppModule {
  static forRoot(config: ComputeConfig, gateways: Gateways = {}): DynamicModule {
    return {
      module: ComputeAppModule,
      imports: [
        ComputeCoreModule.forRoot(config),
        HealthModule.forRoot(),
        DatabaseModule.forRoot({
          service: 'compute',
          dataDir: config.TINYSTACK_DATA_DIR,
          databaseUrl: config.COMPUTE_DATABASE_URL,
          entities: COMPUTE_ENTITIES,
          migrations: COMPUTE_MIGRATIONS,
        }),
        AuthModule.forRoot({
          identityGrpcUrl: config.IDENTITY_GRPC_URL,
          serviceUser: { name: 'compute', password: config.TINYSTACK_SERVICE_PASSWORD },
        }),
        GatewaysModule.forRoot(config, gateways),
        FlavorsModule,
        KeypairsModule,
        QuotasModule,
        ServersModule,
        ServerActionsModule,
        ServerMetadataModule,
        ServerInterfacesModule,
        InstanceActionsModule,
        HypervisorsModule,
        ServicesModule,
        AvailabilityZonesModule,
        ComputeGrpcModule,
      ],
      controllers: [VersionsRestController],
    };
  }
}
