import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ServiceTokenProvider } from '@tinystack/auth';
import { HealthRegistry } from '@tinystack/http';
import { IMAGE_CONFIG, type ImageConfig } from '../config.js';
import { IMAGE_STORE, type ImageStore } from './image-store.js';
import { ObjectStoreImageStore } from './object-store-image-store.js';

/**
 * Provides the ImageStore: the object storage service over gRPC, or the given store (tests
 * pass an FsImageStore). Registers an `object-store` health check.
 */
@Global()
@Module({})
export class StoreModule {
  static forRoot(store?: ImageStore): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: IMAGE_STORE,
          inject: [IMAGE_CONFIG, ServiceTokenProvider, HealthRegistry],
          useFactory: (config: ImageConfig, tokens: ServiceTokenProvider, health: HealthRegistry) => {
            const s = store ?? ObjectStoreImageStore.connect(config, tokens);
            health.add({ name: 'object-store', check: () => s.check() });
            return s;
          },
        },
      ],
      exports: [IMAGE_STORE],
    };
  }
}
