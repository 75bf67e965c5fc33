import type { ServiceTokenProvider } from '@tinystack/auth';
import { networkV1 } from '@tinystack/contracts';
import { createServiceClient, type Channel, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { NetworkAddress, NetworkGateway, NetworkRequest, ServerPort } from './network.port.js';

function portOf(p: networkV1.ServerPort): ServerPort {
  return {
    portId: p.portId,
    networkId: p.networkId,
    networkName: p.networkName,
    macAddress: p.macAddress,
    mtu: p.mtu,
    addresses: p.fixedIps.map((f) => ({
      ipAddress: f.ipAddress,
      subnetId: f.subnet?.id ?? '',
      cidr: f.subnet?.cidr ?? '',
      gatewayIp: f.subnet?.gatewayIp ?? '',
      dnsNameservers: f.subnet?.dnsNameservers ?? [],
    })),
  };
}

/** The network service over gRPC (networkV1.NetworkService). */
export class GrpcNetworkGateway implements NetworkGateway {
  private readonly client: Client<typeof networkV1.NetworkServiceDefinition, TinystackCallOptions>;
  private readonly channel: Channel;

  constructor(
    address: string,
    private readonly tokens: ServiceTokenProvider,
  ) {
    ({ client: this.client, channel: this.channel } = createServiceClient(networkV1.NetworkServiceDefinition, address));
  }

  async allocate(token: string, serverId: string, zone: string, request: NetworkRequest): Promise<ServerPort[]> {
    if (request.kind === 'none') {
      return [];
    }
    const res = await this.client.allocateServerPorts(
      {
        serverId,
        availabilityZone: zone,
        auto: request.kind === 'auto',
        requests:
          request.kind === 'ports'
            ? request.requests.map((r) => ({ networkId: r.networkId ?? '', portId: r.portId ?? '', fixedIp: r.fixedIp ?? '' }))
            : [],
      },
      { token },
    );
    return res.ports.map(portOf);
  }

  async bind(serverId: string, host: string): Promise<ServerPort[]> {
    const res = await this.client.bindServerPorts({ serverId, host }, { token: await this.tokens.token() });
    return res.ports.map(portOf);
  }

  async release(serverId: string, portId = ''): Promise<void> {
    await this.client.releaseServerPorts({ serverId, portId }, { token: await this.tokens.token() });
  }

  async list(serverId: string): Promise<ServerPort[]> {
    return (await this.client.listServerPorts({ serverId }, { token: await this.tokens.token() })).ports.map(portOf);
  }

  async addresses(serverIds: readonly string[]): Promise<Map<string, NetworkAddress[]>> {
    const res = await this.client.getServerAddresses({ serverIds: [...serverIds] }, { token: await this.tokens.token() });
    return new Map(
      Object.entries(res.servers).map(([id, list]) => [id, list.addresses.map((a) => ({ ...a, type: a.type === 'floating' ? 'floating' : 'fixed' }))]),
    );
  }

  close(): void {
    this.channel.close();
  }
}
