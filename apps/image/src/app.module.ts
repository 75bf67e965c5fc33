import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tinystack/auth';
import { DatabaseModule } from '@tinystack/db';
import { HealthModule } from '@tinystack/http';
import { IMAGE_CONFIG, type ImageConfig } from './config.js';
import { IMAGE_ENTITIES } from './entities.js';
import { ImageGrpcModule } from './grpc/image-grpc.module.js';
import { VersionsRestController } from './http/versions.rest-controller.js';
import { ImageDataModule } from './image-data/image-data.module.js';
import { ImagesModule } from './images/images.module.js';
import { ImportModule } from './import/import.module.js';
import { MembersModule } from './members/members.module.js';
import { TagsModule } from './tags/tags.module.js';
import { IMAGE_MIGRATIONS } from './migrations/index.js';
import { SchemasModule } from './schemas/schemas.module.js';
import type { ImageStore } from './store/image-store.js';
import { StoreModule } from './store/store.module.js';

/** The frozen config, available everywhere as IMAGE_CONFIG. */
@Global()
@Module({})
class ImageConfigModule {
  static forRoot(config: ImageConfig): DynamicModule {
    return {
      module: ImageConfigModule,
      providers: [{ provide: IMAGE_CONFIG, useValue: config }],
      exports: [IMAGE_CONFIG],
    };
  }
}

export interface ImageAppOptions {
  readonly config: ImageConfig;
  /** Where image bytes go; default: the object storage service over gRPC. */
  readonly store?: ImageStore;
}

/** The image service: Glance v2 REST, the image gRPC contract, its database and its byte store. */
@Module({})
export class ImageAppModule {
  static forRoot(opts: ImageAppOptions): DynamicModule {
    const { config } = opts;
    return {
      module: ImageAppModule,
      imports: [
        ImageConfigModule.forRoot(config),
        HealthModule.forRoot(),
        DatabaseModule.forRoot({
          service: 'image',
          dataDir: config.TINYSTACK_DATA_DIR,
          databaseUrl: config.IMAGE_DATABASE_URL,
          entities: IMAGE_ENTITIES,
          migrations: IMAGE_MIGRATIONS,
        }),
        AuthModule.forRoot({
          identityGrpcUrl: config.IDENTITY_GRPC_URL,
          serviceUser: { name: 'image', password: config.TINYSTACK_SERVICE_PASSWORD },
        }),
        StoreModule.forRoot(opts.store),
        SchemasModule,
        ImagesModule,
        ImageDataModule,
        ImportModule,
        MembersModule,
        TagsModule,
        ImageGrpcModule,
      ],
      controllers: [VersionsRestController],
    };
  }
}
