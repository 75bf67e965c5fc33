import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AGENT_CONNECTOR, type AgentConnector } from './agents/agent.port.js';
import { GrpcAgentConnector } from './agents/grpc-agent.connector.js';
import { ServiceTokenProvider } from '@tinystack/auth';
import type { ComputeConfig } from './config.js';
import { GrpcImageGateway } from './images/grpc-image.gateway.js';
import { IMAGE_GATEWAY, type ImageGateway } from './images/image.port.js';
import { GrpcNetworkGateway } from './networking/grpc-network.gateway.js';
import { NETWORK_GATEWAY, type NetworkGateway } from './networking/network.port.js';

export interface Gateways {
  /** How compute reaches agents; default gRPC at the address each agent registered. */
  readonly agents?: AgentConnector;
  /** The image service; default gRPC at IMAGE_GRPC_URL. */
  readonly images?: ImageGateway;
  /** The network service; default gRPC at NETWORK_GRPC_URL, none when that is unset. */
  readonly network?: NetworkGateway;
}

/** The other services compute calls: agents, the image and network services. Tests may put stand-ins here. */
@Global()
@Module({})
export class GatewaysModule implements OnApplicationShutdown {
  constructor(
    @Inject(AGENT_CONNECTOR) private readonly agents: AgentConnector,
    @Inject(IMAGE_GATEWAY) private readonly images: ImageGateway,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.agents.close?.();
    this.images.close?.();
    this.network?.close?.();
  }

  static forRoot(config: ComputeConfig, gateways: Gateways = {}): DynamicModule {
    return {
      module: GatewaysModule,
      providers: [
        gateways.agents
          ? { provide: AGENT_CONNECTOR, useValue: gateways.agents }
          : {
              provide: AGENT_CONNECTOR,
              inject: [ServiceTokenProvider],
              useFactory: (tokens: ServiceTokenProvider) => new GrpcAgentConnector(tokens, config),
            },
        { provide: IMAGE_GATEWAY, useFactory: () => gateways.images ?? new GrpcImageGateway(config.IMAGE_GRPC_URL) },
        {
          provide: NETWORK_GATEWAY,
          inject: [ServiceTokenProvider],
          useFactory: (tokens: ServiceTokenProvider) =>
            gateways.network ?? (config.NETWORK_GRPC_URL ? new GrpcNetworkGateway(config.NETWORK_GRPC_URL, tokens) : null),
        },
      ],
      exports: [AGENT_CONNECTOR, IMAGE_GATEWAY, NETWORK_GATEWAY],
    };
  }
}
