import { Global, Module, type DynamicModule } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { ReadCache } from '../shared/read-cache.js';
import { Links } from './links.js';
import { VersionController } from './version.controller.js';

/** The configuration (loaded once in main.ts), response links and version discovery. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(cfg: IdentityConfig): DynamicModule {
    return {
      module: CoreModule,
      controllers: [VersionController],
      providers: [{ provide: IDENTITY_CONFIG, useValue: cfg }, Links, ReadCache],
      exports: [IDENTITY_CONFIG, Links, ReadCache],
    };
  }
}
