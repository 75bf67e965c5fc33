import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { callerOf, GrpcAuthInterceptor, isAdmin } from '@tinystack/auth';
import { networkV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { Observable } from 'rxjs';
import { WriteLock } from '../shared/mutex.js';
import { policyDenied } from '../shared/neutron.errors.js';
import { DashboardNetworkService } from './dashboard-network.service.js';
import { HostNetworkService } from './host-network.service.js';
import { ServerPortsService, type ServerAddress, type ServerPortInfo } from './server-ports.service.js';

/** Changes closer together than this reach a host as one message. */
const SETTLE_MS = 25;

function toProto(p: ServerPortInfo): networkV1.ServerPort {
  return {
    portId: p.portId,
    networkId: p.networkId,
    networkName: p.networkName,
    macAddress: p.macAddress,
    mtu: p.mtu,
    preserveOnDelete: p.preserveOnDelete,
    fixedIps: p.fixedIps.map((f) => ({ ipAddress: f.ipAddress, subnet: { ...f.subnet, dnsNameservers: [...f.subnet.dnsNameservers] } })),
  };
}

const addressOf = (a: ServerAddress): networkV1.ServerAddress => ({ ...a });

/** The network gRPC contract for compute. */
@Controller()
@networkV1.NetworkServiceControllerMethods()
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@UseFilters(DomainRpcExceptionFilter)
export class NetworkGrpcController implements networkV1.NetworkServiceController {
  constructor(
    @Inject(ServerPortsService) private readonly ports: ServerPortsService,
    @Inject(HostNetworkService) private readonly hosts: HostNetworkService,
    @Inject(WriteLock) private readonly lock: WriteLock,
    @Inject(DashboardNetworkService) private readonly dashboard: DashboardNetworkService,
  ) {}

  async listNetworks(_req: networkV1.ListNetworksRequest, metadata?: Metadata): Promise<networkV1.ListNetworksResponse> {
    return { networks: await this.dashboard.listNetworks(callerOf(metadata)) };
  }

  async listFloatingIps(_req: networkV1.ListFloatingIpsRequest, metadata?: Metadata): Promise<networkV1.ListFloatingIpsResponse> {
    return { floatingIps: await this.dashboard.listFloatingIps(callerOf(metadata)) };
  }

  async createFloatingIp(req: networkV1.CreateFloatingIpRequest, metadata?: Metadata): Promise<networkV1.CreateFloatingIpResponse> {
    return { floatingIp: await this.dashboard.createFloatingIp(callerOf(metadata), req.floatingNetworkId) };
  }

  async updateFloatingIp(req: networkV1.UpdateFloatingIpRequest, metadata?: Metadata): Promise<networkV1.UpdateFloatingIpResponse> {
    return { floatingIp: await this.dashboard.updateFloatingIp(callerOf(metadata), req.id, req.portId) };
  }

  async deleteFloatingIp(req: networkV1.DeleteFloatingIpRequest, metadata?: Metadata): Promise<networkV1.DeleteFloatingIpResponse> {
    await this.dashboard.deleteFloatingIp(callerOf(metadata), req.id);
    return {};
  }

  async listPorts(req: networkV1.ListPortsRequest, metadata?: Metadata): Promise<networkV1.ListPortsResponse> {
    return { ports: await this.dashboard.listPorts(callerOf(metadata), req.deviceId) };
  }

  /** The host's wiring now, then again after every write that changed it. */
  watchHostNetwork(req: networkV1.WatchHostNetworkRequest, metadata?: Metadata): Observable<networkV1.WatchHostNetworkResponse> {
    if (!isAdmin(callerOf(metadata))) {
      throw policyDenied('watch_host_network');
    }
    return new Observable<networkV1.WatchHostNetworkResponse>((sub) => {
      let last = '';
      let timer: NodeJS.Timeout | undefined;
      let running = false;
      let again = false;
      const push = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            const config = await this.hosts.configFor(req.host);
            const text = JSON.stringify(config);
            if (text !== last) {
              last = text;
              sub.next(config);
            }
          } while (again);
        } catch (err) {
          sub.error(err);
        } finally {
          running = false;
        }
      };
      const stop = this.lock.onChange(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void push(), SETTLE_MS);
      });
      void push();
      return () => {
        stop();
        clearTimeout(timer);
      };
    });
  }

  async allocateServerPorts(req: networkV1.AllocateServerPortsRequest, metadata?: Metadata): Promise<networkV1.AllocateServerPortsResponse> {
    const requests = req.requests.map((r) => ({ networkId: r.networkId, portId: r.portId, fixedIp: r.fixedIp }));
    const ports = await this.ports.allocate(callerOf(metadata), req.serverId, req.availabilityZone, req.auto, requests);
    return { ports: ports.map(toProto) };
  }

  async bindServerPorts(req: networkV1.BindServerPortsRequest, metadata?: Metadata): Promise<networkV1.BindServerPortsResponse> {
    return { ports: (await this.ports.bind(callerOf(metadata), req.serverId, req.host)).map(toProto) };
  }

  async releaseServerPorts(req: networkV1.ReleaseServerPortsRequest, metadata?: Metadata): Promise<networkV1.ReleaseServerPortsResponse> {
    await this.ports.release(callerOf(metadata), req.serverId, req.portId);
    return {};
  }

  async listServerPorts(req: networkV1.ListServerPortsRequest, metadata?: Metadata): Promise<networkV1.ListServerPortsResponse> {
    return { ports: (await this.ports.list(callerOf(metadata), req.serverId)).map(toProto) };
  }

  async getServerAddresses(req: networkV1.GetServerAddressesRequest, metadata?: Metadata): Promise<networkV1.GetServerAddressesResponse> {
    const found = await this.ports.addresses(callerOf(metadata), req.serverIds);
    return { servers: Object.fromEntries([...found].map(([id, list]) => [id, { addresses: list.map(addressOf) }])) };
  }
}
