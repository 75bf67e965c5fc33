import { join } from 'node:path';
import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { FsBlobStore, S3BlobStore, type BlobStore } from '@tinystack/blob-store';
import { HealthRegistry } from '@tinystack/http';
import { OBJECT_STORE_CONFIG, type ObjectStoreConfig } from '../config.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { ContentResolver } from '../large-objects/content-resolver.service.js';
import { ObjectWriter } from '../objects/object-writer.service.js';
import { ObjectsRepository } from '../objects/objects.repository.js';
import { BLOB_STORE } from './blob-store.token.js';
import { WriteBatcher } from './write-batcher.js';

export { BLOB_STORE } from './blob-store.token.js';

/** The configured BlobStore backend (fs by default, s3 when OBJECT_STORE_BACKEND=s3). */
export function blobStoreFor(cfg: ObjectStoreConfig): BlobStore {
  if (cfg.OBJECT_STORE_BACKEND === 's3') {
    return new S3BlobStore({
      endpoint: cfg.OBJECT_STORE_S3_ENDPOINT ?? '',
      accessKey: cfg.OBJECT_STORE_S3_ACCESS_KEY ?? '',
      secretKey: cfg.OBJECT_STORE_S3_SECRET_KEY ?? '',
      bucket: cfg.OBJECT_STORE_S3_BUCKET ?? '',
      region: cfg.OBJECT_STORE_S3_REGION,
    });
  }
  return new FsBlobStore(join(cfg.TINYSTACK_DATA_DIR, 'object-store', 'blobs'));
}

/**
 * Persistence for every feature module: the blob store, the group-commit writer, the
 * repositories, and the object writer / content resolver built on them.
 */
@Global()
@Module({
  providers: [
    {
      provide: BLOB_STORE,
      inject: [OBJECT_STORE_CONFIG],
      useFactory: async (cfg: ObjectStoreConfig) => {
        const store = blobStoreFor(cfg);
        await store.init();
        return store;
      },
    },
    WriteBatcher,
    AccountsRepository,
    ContainersRepository,
    ObjectsRepository,
    ObjectWriter,
    ContentResolver,
  ],
  exports: [BLOB_STORE, WriteBatcher, AccountsRepository, ContainersRepository, ObjectsRepository, ObjectWriter, ContentResolver],
})
export class StorageModule implements OnModuleInit {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.add({ name: 'blob-store', check: () => this.blobs.check() });
  }
}
