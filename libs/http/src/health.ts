import { Controller, Get, Injectable, Module, Res, type DynamicModule } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from './public.decorator.js';

/** One dependency a service needs to be healthy (its DB, blob store, a gRPC peer...). */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];
  private ready = false;

  add(check: HealthCheck): void {
    this.checks.push(check);
  }

  /** Health is reported once the app has finished starting (its gRPC server listens, ...). */
  markReady(): void {
    this.ready = true;
  }

  async report(): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const checks: Record<string, string> = { startup: this.ready ? 'ok' : 'starting' };
    await Promise.all(
      this.checks.map(async (c) => {
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000).unref()),
          ]);
          checks[c.name] = 'ok';
        } catch (err) {
          checks[c.name] = (err as Error).message || 'failed';
        }
      }),
    );
    return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
  }
}

@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('healthz')
  @Public()
  async health(@Res() res: Response): Promise<void> {
    const { ok, checks } = await this.registry.report();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}

@Module({})
export class HealthModule {
  static forRoot(): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [HealthRegistry],
      exports: [HealthRegistry],
    };
  }
}
