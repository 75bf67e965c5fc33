import type { Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { grpcServerOptions } from '@tinystack/grpc';
import { createHttpApp, HealthRegistry, keystoneErrorShape } from '@tinystack/http';
import { loggerFor } from '@tinystack/logging';
import { AgentAppModule, type AgentAppOptions } from './app.module.js';
import { ComputeReporter } from './compute/compute-reporter.service.js';
import { advertiseUrlOf } from './config.js';

export interface RunningAgent {
  readonly app: INestApplication;
  /** host:port of the agent gRPC server. */
  readonly grpcAddress: string;
  /** Base URL of /healthz. */
  readonly httpUrl: string;
  readonly reporter: ComputeReporter;
  close(): Promise<void>;
}

async function freePortOn(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

const hostPart = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * Start the agent in this process: gRPC (COMPUTE_AGENT_GRPC_PORT; 0 = any free port) and
 * /healthz (COMPUTE_AGENT_HTTP_PORT), then register with compute in the background.
 * Used by main.ts and the tests.
 */
export async function startComputeAgent(opts: AgentAppOptions): Promise<RunningAgent> {
  const { config } = opts;
  const log = loggerFor('compute-agent');
  @Module({ imports: [AgentAppModule.forRoot(opts)] })
  class AgentRootModule {}
  const app = await createHttpApp(AgentRootModule, {
    errorShape: keystoneErrorShape,
    jsonLimit: '16kb',
    jsonTypes: [],
  });
  const host = config.TINYSTACK_BIND_HOST;
  const grpcPort = config.COMPUTE_AGENT_GRPC_PORT || (await freePortOn(host));
  const grpcAddress = `${hostPart(host)}:${grpcPort}`;
  // The controller carries its filter and interceptors itself (hybrid apps connect the
  // microservice before global enhancers apply).
  app.connectMicroservice(grpcServerOptions(['agent'], grpcAddress));
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.COMPUTE_AGENT_HTTP_PORT, host);
  app.get(HealthRegistry).markReady();
  const { port } = (app.getHttpServer() as HttpServer).address() as AddressInfo;
  const reporter = app.get(ComputeReporter);
  reporter.start(grpcPort);
  const httpUrl = `http://${hostPart(host)}:${port}`;
  log.info(
    {
      grpc: grpcAddress,
      http: httpUrl,
      advertise: advertiseUrlOf(config, grpcPort),
      host: config.COMPUTE_AGENT_HOST_NAME,
    },
    'compute agent ready',
  );
  return { app, grpcAddress, httpUrl, reporter, close: () => app.close() };
}
