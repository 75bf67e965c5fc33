import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import type { networkV1 } from '@tinystack/contracts';
import { DataSource, In } from 'typeorm';
import { NetworkEntity, PortEntity } from '../entities.js';
import { FloatingIpsService } from '../floating-ips/floating-ips.service.js';
import type { FloatingIpView } from '../floating-ips/floating-ips.api.js';
import { NetworksService } from '../networks/networks.service.js';
import { PortsService } from '../ports/ports.service.js';
import { callerProject } from '../shared/caller.js';
import { invalidInput } from '../shared/neutron.errors.js';
import { SubnetsService } from '../subnets/subnets.service.js';

/** The dashboard's view of networks and floating IPs, through the same services as the REST API. */
@Injectable()
export class DashboardNetworkService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(SubnetsService) private readonly subnets: SubnetsService,
    @Inject(FloatingIpsService) private readonly fips: FloatingIpsService,
    @Inject(PortsService) private readonly ports: PortsService,
  ) {}

  async listNetworks(caller: AuthContext): Promise<networkV1.NetworkSummary[]> {
    const [nets, subnets] = await Promise.all([this.networks.list(caller), this.subnets.list(caller)]);
    return nets.map((n) => ({
      id: n.id,
      name: n.name,
      projectId: n.project_id,
      shared: n.shared,
      external: n['router:external'],
      status: n.status,
      subnets: subnets
        .filter((s) => s.network_id === n.id)
        .map((s) => ({ id: s.id, cidr: s.cidr, gatewayIp: s.gateway_ip ?? '', dnsNameservers: s.dns_nameservers })),
    }));
  }

  async listFloatingIps(caller: AuthContext): Promise<networkV1.FloatingIp[]> {
    return this.withServers(await this.fips.list(caller));
  }

  async createFloatingIp(caller: AuthContext, networkId: string): Promise<networkV1.FloatingIp> {
    const id = networkId || (await this.ds.getRepository(NetworkEntity).findOneBy({ external: true, isDefault: true }))?.id;
    if (!id) {
      throw invalidInput('There is no default external network: name one.');
    }
    return this.one(await this.fips.create(caller, { floating_network_id: id }));
  }

  async updateFloatingIp(caller: AuthContext, id: string, portId: string): Promise<networkV1.FloatingIp> {
    return this.one(await this.fips.update(caller, id, { port_id: portId || null }));
  }

  async deleteFloatingIp(caller: AuthContext, id: string): Promise<void> {
    await this.fips.delete(caller, id);
  }

  /**
   * The ports of the caller's project (an admin's too: not every project's), as GET
   * /v2.0/ports shows them, oldest first; only `deviceId`'s when given.
   */
  async listPorts(caller: AuthContext, deviceId: string): Promise<networkV1.PortSummary[]> {
    const project = callerProject(caller);
    const views = (await this.ports.list(caller))
      .filter((p) => p.project_id === project && (!deviceId || p.device_id === deviceId))
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const netIds = [...new Set(views.map((p) => p.network_id))];
    const nets = netIds.length === 0 ? [] : await this.ds.getRepository(NetworkEntity).findBy({ id: In(netIds) });
    return views.map((p) => ({
      id: p.id,
      name: p.name,
      networkId: p.network_id,
      networkName: nets.find((n) => n.id === p.network_id)?.name ?? '',
      deviceId: p.device_id,
      deviceOwner: p.device_owner,
      fixedIps: p.fixed_ips.map((f) => f.ip_address),
      status: p.status,
    }));
  }

  private async one(view: FloatingIpView): Promise<networkV1.FloatingIp> {
    const [fip] = await this.withServers([view]);
    return fip;
  }

  /** Floating IPs with the server (device_id) of the port each one points at. */
  private async withServers(views: FloatingIpView[]): Promise<networkV1.FloatingIp[]> {
    const portIds = views.flatMap((v) => (v.port_id ? [v.port_id] : []));
    const ports = portIds.length === 0 ? [] : await this.ds.getRepository(PortEntity).findBy({ id: In(portIds) });
    return views.map((v) => ({
      id: v.id,
      floatingIpAddress: v.floating_ip_address,
      floatingNetworkId: v.floating_network_id,
      portId: v.port_id ?? '',
      fixedIpAddress: v.fixed_ip_address ?? '',
      serverId: ports.find((p) => p.id === v.port_id)?.deviceId ?? '',
      status: v.status,
      projectId: v.project_id,
    }));
  }
}
