import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@tinystack/http';
import { openDatabase, type DatabaseOptions } from './data-source.js';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Provides the migrated DataSource and registers a `database` health check. */
  static forRoot(opts: DatabaseOptions | (() => DatabaseOptions)): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [HealthRegistry],
          useFactory: async (health: HealthRegistry) => {
            const ds = await openDatabase(typeof opts === 'function' ? opts() : opts);
            health.add({ name: 'database', check: async () => void (await ds.query('SELECT 1')) });
            return ds;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) {
      await this.ds.destroy();
    }
  }
}
