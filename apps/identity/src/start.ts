import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { grpcServerOptions } from '@tinystack/grpc';
import { createHttpApp, HealthRegistry, keystoneErrorShape } from '@tinystack/http';
import { loggerFor } from '@tinystack/logging';
import { AppModule } from './app.module.js';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { publicUrlOf, type IdentityConfig } from './config.js';
import { TokenValidationFastPath } from './tokens/token-validation.fast-path.js';

export interface IdentityServer {
  readonly app: INestApplication;
  /** Where the REST API listens, e.g. http://127.0.0.1:5000 */
  readonly httpUrl: string;
  /** host:port of the gRPC server. */
  readonly grpcAddress: string;
  close(): Promise<void>;
}

/** Keystone's max_request_body_size. */
export const JSON_LIMIT = '112kb';

/**
 * Start identity: migrate, bootstrap, then serve gRPC and REST. Health turns ready only
 * after both listen. Used by main.ts, the integration tests and the benchmark.
 */
export async function startIdentity(cfg: IdentityConfig): Promise<IdentityServer> {
  const log = loggerFor('identity');
  const app = await createHttpApp(AppModule.forRoot(cfg), {
    errorShape: keystoneErrorShape,
    jsonLimit: JSON_LIMIT,
  });
  const host = cfg.TINYSTACK_BIND_HOST;
  const grpcAddress = `${host.includes(':') ? `[${host}]` : host}:${cfg.IDENTITY_GRPC_PORT}`;
  // The gRPC controller carries DomainRpcExceptionFilter and GrpcContextInterceptor itself:
  // a hybrid app's microservice is initialised on connect, too early for global enhancers.
  app.connectMicroservice(grpcServerOptions(['identity'], grpcAddress));
  await app.init();
  app.get(TokenValidationFastPath).install(app.getHttpServer() as Server);
  await app.get(BootstrapService).run();
  await app.startAllMicroservices();
  await app.listen(cfg.IDENTITY_HTTP_PORT, host);
  app.get(HealthRegistry).markReady();
  const httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${cfg.IDENTITY_HTTP_PORT}`;
  log.info({ http: httpUrl, grpc: grpcAddress, public: publicUrlOf(cfg) }, 'identity ready');
  return { app, httpUrl, grpcAddress, close: () => app.close() };
}
