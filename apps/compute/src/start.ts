import { Module, type INestApplication } from '@nestjs/common';
import { grpcServerOptions } from '@tinystack/grpc';
import { HealthRegistry } from '@tinystack/http';
import { loggerFor } from '@tinystack/logging';
import { ComputeAppModule } from './app.module.js';
import { publicUrlOf, type ComputeConfig } from './config.js';
import type { Gateways } from './gateways.module.js';
import { createComputeHttpApp } from './http/compute-http-app.js';

export interface ComputeServer {
  readonly app: INestApplication;
  /** Where the REST API listens, e.g. http://127.0.0.1:8774 */
  readonly httpUrl: string;
  /** host:port of the gRPC server. */
  readonly grpcAddress: string;
  close(): Promise<void>;
}

const hostOf = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * Start compute: migrate, serve gRPC and REST, then report healthy. Used by main.ts, the
 * medium tests and the benchmark; tests pass stand-ins for the agents and the image service.
 */
export async function startCompute(cfg: ComputeConfig, gateways: Gateways = {}): Promise<ComputeServer> {
  const log = loggerFor('compute');
  @Module({ imports: [ComputeAppModule.forRoot(cfg, gateways)] })
  class ComputeRootModule {}

  const app = await createComputeHttpApp(ComputeRootModule);
  const host = cfg.TINYSTACK_BIND_HOST;
  const grpcPort = cfg.COMPUTE_GRPC_PORT === 0 ? await freeGrpcPort(host) : cfg.COMPUTE_GRPC_PORT;
  const grpcAddress = `${hostOf(host)}:${grpcPort}`;
  // The gRPC controller carries its filter and interceptors itself: a hybrid app's
  // microservice is initialised on connect, too early for global enhancers.
  app.connectMicroservice(grpcServerOptions(['compute'], grpcAddress));
  await app.init();
  await app.startAllMicroservices();
  await app.listen(cfg.COMPUTE_HTTP_PORT, host);
  app.get(HealthRegistry).markReady();
  const { port } = (app.getHttpServer() as import('node:http').Server).address() as { port: number };
  const httpUrl = `http://${hostOf(host)}:${port}`;
  log.info({ http: httpUrl, grpc: grpcAddress, public: publicUrlOf(cfg) }, 'compute ready');
  return { app, httpUrl, grpcAddress, close: () => app.close() };
}

/** A free TCP port on `host` (COMPUTE_GRPC_PORT=0: tests). */
async function freeGrpcPort(host: string): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
