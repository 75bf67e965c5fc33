import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, In, type EntityManager } from 'typeorm';
import { FloatingIpEntity, IpAllocationEntity, PortEntity } from '../entities.js';
import { NetworksService } from '../networks/networks.service.js';
import { PortsService } from '../ports/ports.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { RoutersService } from '../routers/routers.service.js';
import { ownerFor, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { invalidInput, neutronError, notFoundOf, policyDenied } from '../shared/neutron.errors.js';
import { touch } from '../shared/standard-attrs.js';
import {
  floatingIpView,
  type CreateFloatingIpBody,
  type FloatingIpView,
  type PortDetails,
  type UpdateFloatingIpBody,
} from './floating-ips.api.js';

export const FLOATING_IP_OWNER = 'network:floatingip';

/** Floating IPs: an address of an external network, forwarded to a port's fixed IP through a router. */
@Injectable()
export class FloatingIpsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(PortsService) private readonly ports: PortsService,
    @Inject(RoutersService) private readonly routers: RoutersService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  async create(caller: AuthContext, body: CreateFloatingIpBody): Promise<FloatingIpView> {
    const projectId = ownerFor(caller, body, 'create_floatingip');
    if (body.floating_ip_address !== undefined && !isAdmin(caller)) {
      throw policyDenied('create_floatingip:floating_ip_address');
    }
    return this.lock.run(async () => {
      const net = await this.networks.find(caller, body.floating_network_id);
      if (!net.external) {
        throw invalidInput(`Bad floatingip request: Network ${net.id} is not a valid external network.`);
      }
      const port = body.port_id ? await this.ports.find(caller, body.port_id) : undefined;
      return this.ds.transaction(async (m) => {
        await this.quotas.check(m, projectId, 'floatingip');
        const id = randomUUID();
        const request =
          body.floating_ip_address !== undefined || body.subnet_id !== undefined
            ? [{ ...(body.subnet_id !== undefined ? { subnet_id: body.subnet_id } : {}), ...(body.floating_ip_address !== undefined ? { ip_address: body.floating_ip_address } : {}) }]
            : undefined;
        const fipPort = await this.ports.insert(m, {
          projectId: '',
          network: net,
          ...(request ? { fixedIps: request } : {}),
          deviceId: id,
          deviceOwner: FLOATING_IP_OWNER,
        });
        const address = fipPort.fixed_ips[0]?.ip_address;
        if (address === undefined) {
          throw neutronError('conflict', 'ExternalIpAddressExhausted', `Unable to find any IP address on external network ${net.id}.`);
        }
        const now = Date.now();
        const fip = Object.assign(new FloatingIpEntity(), {
          id,
          projectId,
          description: body.description ?? '',
          floatingNetworkId: net.id,
          floatingIpAddress: address,
          floatingPortId: fipPort.id,
          portId: null,
          fixedIpAddress: null,
          routerId: null,
          status: 'DOWN',
          createdAt: now,
          updatedAt: now,
          revision: 0,
        });
        if (port) {
          await this.associate(m, fip, port, body.fixed_ip_address ?? undefined);
        }
        await m.getRepository(FloatingIpEntity).insert(fip);
        return this.viewOf(m, fip);
      });
    });
  }

  async list(caller: AuthContext): Promise<FloatingIpView[]> {
    const fips = (await this.ds.getRepository(FloatingIpEntity).find()).filter((f) => owns(caller, f.projectId));
    const ports = await this.portDetails(this.ds.manager, fips.flatMap((f) => (f.portId ? [f.portId] : [])));
    return fips.map((f) => floatingIpView(f, f.portId ? (ports.get(f.portId) ?? null) : null));
  }

  async find(caller: AuthContext, id: string): Promise<FloatingIpEntity> {
    const f = await this.ds.getRepository(FloatingIpEntity).findOneBy({ id });
    if (!f || !owns(caller, f.projectId)) {
      throw notFoundOf('Floating IP', id);
    }
    return f;
  }

  async get(caller: AuthContext, id: string): Promise<FloatingIpView> {
    return this.viewOf(this.ds.manager, await this.find(caller, id));
  }

  async update(caller: AuthContext, id: string, body: UpdateFloatingIpBody): Promise<FloatingIpView> {
    return this.lock.run(async () => {
      const fip = await this.find(caller, id);
      const port = body.port_id ? await this.ports.find(caller, body.port_id) : undefined;
      return this.ds.transaction(async (m) => {
        if (body.description !== undefined) {fip.description = body.description;}
        if (body.port_id === null) {
          fip.portId = null;
          fip.fixedIpAddress = null;
          fip.routerId = null;
          fip.status = 'DOWN';
        } else if (port) {
          await this.associate(m, fip, port, body.fixed_ip_address ?? undefined);
        }
        touch(fip);
        await m.getRepository(FloatingIpEntity).save(fip);
        return this.viewOf(m, fip);
      });
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const fip = await this.find(caller, id);
      await this.ds.transaction(async (m) => {
        await m.getRepository(FloatingIpEntity).delete({ id: fip.id });
        await this.ports.remove(m, fip.floatingPortId);
      });
    });
  }

  /**
   * Points `fip` at one of `port`'s fixed IPs: the port's subnet must reach the floating
   * network through a router, and the address must not have another floating IP.
   */
  private async associate(m: EntityManager, fip: FloatingIpEntity, port: PortEntity, fixedIp: string | undefined): Promise<void> {
    if (port.projectId !== fip.projectId) {
      throw notFoundOf('Port', port.id);
    }
    const ips = await m.getRepository(IpAllocationEntity).findBy({ portId: port.id });
    const chosen = fixedIp === undefined ? ips[0] : ips.find((a) => a.ipAddress === fixedIp);
    if (!chosen) {
      throw invalidInput(
        fixedIp === undefined
          ? `Bad floatingip request: Port ${port.id} does not have any IPv4 addresses.`
          : `Bad floatingip request: Port ${port.id} does not have fixed ip ${fixedIp}.`,
      );
    }
    const taken = await m.getRepository(FloatingIpEntity).findOneBy({ portId: port.id, fixedIpAddress: chosen.ipAddress });
    if (taken && taken.id !== fip.id) {
      throw neutronError('conflict', 'FloatingIPPortAlreadyAssociated', `Cannot associate floating IP ${fip.floatingIpAddress} (${fip.id}) with port ${port.id} using fixed IP ${chosen.ipAddress}, as that fixed IP already has a floating IP on external network ${fip.floatingNetworkId}.`);
    }
    const router = await this.routers.routerBetween(m, chosen.subnetId, fip.floatingNetworkId);
    if (!router) {
      throw neutronError('not_found', 'ExternalGatewayForFloatingIPNotFound', `External network ${fip.floatingNetworkId} is not reachable from subnet ${chosen.subnetId}.  Therefore, cannot associate Port ${port.id} with a Floating IP.`);
    }
    fip.portId = port.id;
    fip.fixedIpAddress = chosen.ipAddress;
    fip.routerId = router.id;
    fip.status = 'ACTIVE';
  }

  private async viewOf(m: EntityManager, fip: FloatingIpEntity): Promise<FloatingIpView> {
    const details = fip.portId ? (await this.portDetails(m, [fip.portId])).get(fip.portId) : undefined;
    return floatingIpView(fip, details ?? null);
  }

  private async portDetails(m: EntityManager, ids: string[]): Promise<Map<string, PortDetails>> {
    const ports = ids.length === 0 ? [] : await m.getRepository(PortEntity).findBy({ id: In(ids) });
    return new Map(
      ports.map((p) => [
        p.id,
        {
          name: p.name,
          network_id: p.networkId,
          mac_address: p.macAddress,
          admin_state_up: p.adminStateUp,
          status: p.status,
          device_id: p.deviceId,
          device_owner: p.deviceOwner,
        },
      ]),
    );
  }
}
