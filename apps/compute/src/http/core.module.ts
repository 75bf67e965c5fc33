import { Global, Module, type DynamicModule } from '@nestjs/common';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import { Links } from './links.js';

/** The frozen config and the link builder, available everywhere. */
@Global()
@Module({})
export class ComputeCoreModule {
  static forRoot(config: ComputeConfig): DynamicModule {
    return {
      module: ComputeCoreModule,
      providers: [{ provide: COMPUTE_CONFIG, useValue: config }, Links],
      exports: [COMPUTE_CONFIG, Links],
    };
  }
}
