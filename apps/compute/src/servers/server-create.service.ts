import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { AgentsService } from '../agents/agents.service.js';
import { BuildConductor } from '../conductor/build.conductor.js';
import { FlavorsService } from '../flavors/flavors.service.js';
import type { ApiVersion } from '../http/api-version.js';
import { IMAGE_GATEWAY, type ImageGateway } from '../images/image.port.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { KeypairsService } from '../keypairs/keypairs.service.js';
import { NETWORK_GATEWAY, type NetworkGateway, type NetworkRequest } from '../networking/network.port.js';
import { addressesOfPorts, novaErrorOfNetwork } from '../networking/server-networks.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { DEFAULT_AZ } from '../scheduler/scheduler.service.js';
import { badRequest, DomainError } from '@tinystack/errors';
import { OverQuota } from '../shared/compute.errors.js';
import { isAdmin, projectOf, requireAdmin, requireMember } from '../shared/policy.js';
import {
  checkImageFits,
  checkUnsupported,
  countsOf,
  idFromHref,
  namesOf,
  networkRequestOf,
  newReservationId,
  zoneOf,
} from './server-create.rules.js';
import type { CreateServerBody } from './server-create.schemas.js';
import { newServer } from './server-record.builder.js';
import type { ServerEntity } from './server.entity.js';
import { ServersRepository } from './servers.repository.js';

export interface CreatedServers {
  readonly servers: ServerEntity[];
  readonly reservationId: string;
}

/**
 * POST /servers: Nova's compute API create. Everything the request names is checked with
 * the caller's rights (flavor, image through the image service with the caller's token,
 * key pair, quota); then the servers are recorded as BUILD/scheduling and the conductor
 * builds them in the background.
 */
@Injectable()
export class ServerCreateService {
  constructor(
    @Inject(ServersRepository) private readonly repo: ServersRepository,
    @Inject(FlavorsService) private readonly flavors: FlavorsService,
    @Inject(KeypairsService) private readonly keypairs: KeypairsService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(IMAGE_GATEWAY) private readonly images: ImageGateway,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(BuildConductor) private readonly builds: BuildConductor,
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  async create(caller: AuthContext, token: string, body: CreateServerBody['server'], version: ApiVersion): Promise<CreatedServers> {
    requireMember(caller);
    const projectId = projectOf(caller);
    checkUnsupported(body, version);
    const { min, max } = countsOf(body);
    const networks = networkRequestOf(body.networks, { networkService: this.network !== null, maxCount: max });
    const networkMode = networks.kind;
    const zone = zoneOf(body.availability_zone, isAdmin(caller));
    const destination = await this.destination(caller, body, zone);
    const { flavor, extraSpecs } = await this.flavors.forBoot(caller, idFromHref(String(body.flavorRef)));
    const imageId = idFromHref(body.imageRef ?? '');
    checkImageFits(await this.bootImage(token, imageId), flavor);
    const key = body.key_name !== undefined ? await this.keypairs.forBoot(caller, body.key_name) : undefined;
    const metadata = body.metadata ?? {};
    await this.quotas.checkMetadataItems(projectId, Object.keys(metadata).length);
    const need = { vcpus: flavor.vcpus, ram: flavor.memoryMb };
    const count = await this.quotas.allowedServers(projectId, need, min, max);
    const parts = { body, projectId, userId: caller.userId, imageId, flavor, extraSpecs, key, networkMode, zone: zone.zone, destination, reservationId: newReservationId() };
    const now = Date.now();
    const servers = namesOf(body.name, count).map((name, i) => newServer(parts, name, i, now));
    await this.repo.insert(servers, metadata, body.tags ?? []);
    await this.recheckQuota(projectId, servers, need, min);
    await this.allocatePorts(token, servers, networks);
    const builds = [];
    for (const s of servers) {
      builds.push({ serverId: s.id, action: await this.actions.start(s.id, 'create', { userId: caller.userId, projectId }) });
    }
    this.builds.dispatch(builds);
    return { servers, reservationId: parts.reservationId };
  }

  /** The image, seen with the caller's rights; one they cannot see is a 400, as Nova answers. */
  private async bootImage(token: string, imageId: string) {
    try {
      return await this.images.getImage(token, imageId);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not_found') {
        throw badRequest(`Image ${imageId} could not be found.`);
      }
      throw err;
    }
  }

  /** 2.74's host / hypervisor_hostname, or a forced host from the zone (admins only). */
  private async destination(
    caller: AuthContext,
    body: CreateServerBody['server'],
    zone: { host?: string; node?: string },
  ): Promise<{ host?: string; node?: string }> {
    const host = body.host ?? zone.host;
    const node = body.hypervisor_hostname ?? zone.node;
    if (host === undefined && node === undefined) {
      return {};
    }
    requireAdmin(caller, 'compute:servers:create:requested_destination');
    const hosts = await this.agents.hosts();
    if (host !== undefined && !hosts.some((h) => h.node.host === host)) {
      throw badRequest(`Compute host ${host} could not be found.`);
    }
    if (node !== undefined && !hosts.some((h) => h.node.hypervisorHostname === node)) {
      throw badRequest(`Compute host ${node} could not be found.`);
    }
    return { ...(host !== undefined ? { host } : {}), ...(node !== undefined ? { node } : {}) };
  }

  /**
   * The servers' ports from the network service, with the user's rights (Nova's
   * allocate_for_instance). All or nothing: on a failure every port made is released and
   * the servers go, and the user gets Nova's error for it.
   */
  private async allocatePorts(token: string, servers: ServerEntity[], request: NetworkRequest): Promise<void> {
    const network = this.network;
    if (!network || request.kind === 'none') {
      return;
    }
    try {
      for (const s of servers) {
        const ports = await network.allocate(token, s.id, s.availabilityZone ?? DEFAULT_AZ, request);
        s.addresses = addressesOfPorts(ports);
        await this.repo.update(s.id, { addresses: s.addresses });
      }
    } catch (err) {
      for (const s of servers) {
        await network.release(s.id).catch(() => undefined);
      }
      await this.repo.servers.delete(servers.map((s) => s.id));
      throw novaErrorOfNetwork(err);
    }
  }

  /** Nova's quota recheck: concurrent creates may have overtaken us; then ours go. */
  private async recheckQuota(projectId: string, servers: ServerEntity[], req: { vcpus: number; ram: number }, min: number): Promise<void> {
    if (!(await this.quotas.isOverServerQuota(projectId))) {
      return;
    }
    await this.repo.servers.delete(servers.map((s) => s.id));
    await this.quotas.allowedServers(projectId, req, Math.max(min, servers.length), servers.length);
    throw new OverQuota('Quota exceeded: servers created at the same time took the room; try again.');
  }
}
