import { randomUUID } from 'node:crypto';
import { DomainError } from '@tinystack/errors';
import type { NetworkAddress, NetworkGateway, NetworkRequest, ServerPort } from '../networking/network.port.js';

/**
 * An in-process stand-in for the network service, for compute's medium tests: it hands out
 * addresses from 10.0.0.0/24 and records what compute asked. apps/compute cannot start
 * apps/network; the network service's own tests cover its side of the contract over real
 * gRPC, and the whole-cloud e2e suite runs both for real.
 */
export class NetworkStandIn implements NetworkGateway {
  readonly ports = new Map<string, ServerPort[]>();
  readonly bound = new Map<string, string>();
  readonly released: string[] = [];
  readonly floating = new Map<string, string>();
  /** The next allocate fails with this error. */
  failNext: DomainError | undefined;
  private next = 2;

  allocate(_token: string, serverId: string, _zone: string, request: NetworkRequest): Promise<ServerPort[]> {
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = undefined;
      return Promise.reject(err);
    }
    const wanted = request.kind === 'auto' ? [{ networkId: 'auto-net' }] : request.kind === 'ports' ? request.requests : [];
    const ports = wanted.map((r) => ({
      portId: r.portId ?? randomUUID(),
      networkId: r.networkId ?? 'given-port-net',
      networkName: r.networkId === 'auto-net' ? 'auto_allocated_network' : (r.networkId ?? 'given'),
      macAddress: `fa:16:3e:00:00:${(this.next % 256).toString(16).padStart(2, '0')}`,
      mtu: 1500,
      addresses: [{ ipAddress: 'fixedIp' in r && r.fixedIp ? r.fixedIp : `10.0.0.${this.next++}`, cidr: '10.0.0.0/24', gatewayIp: '10.0.0.1', dnsNameservers: [] }],
    }));
    this.ports.set(serverId, [...(this.ports.get(serverId) ?? []), ...ports]);
    return Promise.resolve(ports);
  }

  bind(serverId: string, host: string): Promise<ServerPort[]> {
    this.bound.set(serverId, host);
    return Promise.resolve(this.ports.get(serverId) ?? []);
  }

  release(serverId: string, portId?: string): Promise<void> {
    if (portId) {
      this.released.push(`${serverId}/${portId}`);
      this.ports.set(serverId, (this.ports.get(serverId) ?? []).filter((p) => p.portId !== portId));
      return Promise.resolve();
    }
    this.released.push(serverId);
    this.ports.delete(serverId);
    return Promise.resolve();
  }

  list(serverId: string): Promise<ServerPort[]> {
    return Promise.resolve(this.ports.get(serverId) ?? []);
  }

  addresses(serverIds: readonly string[]): Promise<Map<string, NetworkAddress[]>> {
    const out = new Map<string, NetworkAddress[]>();
    for (const id of serverIds) {
      const ports = this.ports.get(id);
      if (!ports) {
        continue;
      }
      out.set(
        id,
        ports.flatMap((p) =>
          p.addresses.flatMap((a) => [
            { networkName: p.networkName, addr: a.ipAddress, version: 4, macAddr: p.macAddress, type: 'fixed' as const },
            ...(this.floating.has(a.ipAddress)
              ? [{ networkName: p.networkName, addr: this.floating.get(a.ipAddress) ?? '', version: 4, macAddr: p.macAddress, type: 'floating' as const }]
              : []),
          ]),
        ),
      );
    }
    return Promise.resolve(out);
  }
}
