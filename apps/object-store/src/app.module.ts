import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tinystack/auth';
import { DatabaseModule } from '@tinystack/db';
import { HealthModule } from '@tinystack/http';
import { AccessModule } from './access/access.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { OBJECT_STORE_CONFIG, type ObjectStoreConfig } from './config.js';
import { ContainersModule } from './containers/containers.module.js';
import { ExpirerModule } from './expirer/expirer.module.js';
import { GrpcApiModule } from './grpc/grpc-api.module.js';
import { InfoModule } from './info/info.module.js';
import { ENTITIES, MIGRATIONS } from './migrations/index.js';
import { ObjectsModule } from './objects/objects.module.js';
import { StorageModule } from './storage/storage.module.js';

@Module({})
class ConfigModule {
  static forRoot(cfg: ObjectStoreConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: OBJECT_STORE_CONFIG, useValue: cfg }],
      exports: [OBJECT_STORE_CONFIG],
    };
  }
}

/** The object-store service: Swift v1 REST, the objectstore gRPC contract, the expirer. */
@Module({})
export class AppModule {
  static forRoot(cfg: ObjectStoreConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(cfg),
        HealthModule.forRoot(),
        DatabaseModule.forRoot({
          service: 'object-store',
          dataDir: cfg.TINYSTACK_DATA_DIR,
          databaseUrl: cfg.OBJECT_STORE_DATABASE_URL,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          // Durability comes from WriteBatcher's own WAL fdatasync after each group commit.
          sqliteSynchronous: 'NORMAL',
        }),
        AuthModule.forRoot({
          identityGrpcUrl: cfg.IDENTITY_GRPC_URL,
          serviceUser: { name: 'object-store', password: cfg.TINYSTACK_SERVICE_PASSWORD },
        }),
        StorageModule,
        AccessModule,
        InfoModule,
        AccountsModule,
        ContainersModule,
        ObjectsModule,
        ExpirerModule,
        GrpcApiModule,
      ],
    };
  }
}
