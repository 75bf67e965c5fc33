import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { grpcServerOptions } from '@tinystack/grpc';
import { HealthRegistry } from '@tinystack/http';
import { NetworkAppModule, type NetworkAppOptions } from './app.module.js';
import { createNetworkHttpApp } from './http/network-http-app.js';

export interface RunningNetworkService {
  readonly app: INestApplication;
  /** Base URL of the REST API. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the network service in this process: the gRPC server on NETWORK_GRPC_PORT, the REST
 * API on NETWORK_HTTP_PORT (0 = any free port), healthy once both listen. main.ts and the medium tests start it this way.
 */
export async function startNetworkService(opts: NetworkAppOptions): Promise<RunningNetworkService> {
  const { config } = opts;
  @Module({ imports: [NetworkAppModule.forRoot(opts)] })
  class NetworkRootModule {}
  const app = await createNetworkHttpApp(NetworkRootModule);
  app.connectMicroservice(grpcServerOptions(['network'], `${config.TINYSTACK_BIND_HOST}:${config.NETWORK_GRPC_PORT}`));
  await app.startAllMicroservices();
  await app.listen(config.NETWORK_HTTP_PORT, config.TINYSTACK_BIND_HOST);
  app.get(HealthRegistry).markReady();
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, url: `http://${config.TINYSTACK_BIND_HOST}:${port}`, close: () => app.close() };
}
