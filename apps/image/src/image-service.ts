import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { grpcServerOptions, widenGrpcReceiveWindows } from '@tinystack/grpc';
import { HealthRegistry } from '@tinystack/http';
import { ImageAppModule, type ImageAppOptions } from './app.module.js';
import { createImageHttpApp } from './http/image-http-app.js';

export interface RunningImageService {
  readonly app: INestApplication;
  /** Base URL of the REST API. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the image service in this process: the gRPC server on IMAGE_GRPC_PORT, the REST
 * API on IMAGE_HTTP_PORT (0 = any free port) and, once both listen, report healthy.
 * main.ts, the medium tests and the benchmark all start it this way.
 */
export async function startImageService(opts: ImageAppOptions): Promise<RunningImageService> {
  const { config } = opts;
  @Module({ imports: [ImageAppModule.forRoot(opts)] })
  class ImageRootModule {}
  const app = await createImageHttpApp(ImageRootModule);
  app.connectMicroservice(grpcServerOptions(['image'], `${config.TINYSTACK_BIND_HOST}:${config.IMAGE_GRPC_PORT}`));
  await app.startAllMicroservices();
  // snapshots stream in over gRPC (CreateSnapshot from the compute agent)
  widenGrpcReceiveWindows(app);
  await app.listen(config.IMAGE_HTTP_PORT, config.TINYSTACK_BIND_HOST);
  app.get(HealthRegistry).markReady();
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, url: `http://${config.TINYSTACK_BIND_HOST}:${port}`, close: () => app.close() };
}
