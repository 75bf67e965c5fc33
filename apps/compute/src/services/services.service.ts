import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, conflict, notFound } from '@tinystack/errors';
import { AgentsRepository, COMPUTE_BINARY } from '../agents/agents.repository.js';
import { AgentsService } from '../agents/agents.service.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { requireAdmin } from '../shared/policy.js';
import type { ServiceEntity } from './service.entity.js';

export interface ServiceChanges {
  readonly disabled?: boolean;
  readonly disabledReason?: string | null;
  readonly forcedDown?: boolean;
}

/** os-services (admins): nova-compute per agent host, this process's scheduler and conductor. */
@Injectable()
export class ServicesService {
  constructor(
    @Inject(AgentsRepository) private readonly repo: AgentsRepository,
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(ServersRepository) private readonly servers: ServersRepository,
  ) {}

  isUp(s: ServiceEntity): boolean {
    return this.agents.isUp(s);
  }

  async list(caller: AuthContext, filter: { host?: string | undefined; binary?: string | undefined }): Promise<ServiceEntity[]> {
    requireAdmin(caller, 'os_compute_api:os-services:list');
    return (await this.repo.listServices()).filter(
      (s) => (filter.host === undefined || s.host === filter.host) && (filter.binary === undefined || s.binary === filter.binary),
    );
  }

  /** Every nova-compute service, for the availability zone listing anyone may read. */
  async computeServices(): Promise<ServiceEntity[]> {
    return (await this.repo.listServices()).filter((s) => s.binary === COMPUTE_BINARY);
  }

  /** By uuid (2.53) or integer id. */
  async find(caller: AuthContext, id: string): Promise<ServiceEntity> {
    const found = (await this.list(caller, {})).find((s) => s.uuid === id || String(s.id) === id);
    if (!found) {
      throw notFound(`Service ${id} could not be found.`);
    }
    return found;
  }

  /** Before 2.53 services are named by host and binary. */
  async findByHost(caller: AuthContext, host: string, binary: string): Promise<ServiceEntity> {
    const found = (await this.list(caller, { host, binary }))[0];
    if (!found) {
      throw notFound(`Service ${binary} on host ${host} could not be found.`);
    }
    return found;
  }

  async update(caller: AuthContext, service: ServiceEntity, changes: ServiceChanges): Promise<ServiceEntity> {
    requireAdmin(caller, 'os_compute_api:os-services:update');
    if (changes.disabledReason && changes.disabled !== true && !service.disabled) {
      throw badRequest('Specifying a disabled_reason is only allowed when disabling a service.');
    }
    const next = {
      disabled: changes.disabled ?? service.disabled,
      disabledReason: changes.disabled === false ? null : changes.disabledReason !== undefined ? changes.disabledReason : service.disabledReason,
      forcedDown: changes.forcedDown ?? service.forcedDown,
      updatedAt: Date.now(),
    };
    await this.repo.services.update({ id: service.id }, next);
    return { ...service, ...next };
  }

  async delete(caller: AuthContext, service: ServiceEntity): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-services:delete');
    if (service.binary === COMPUTE_BINARY && (await this.servers.onHost(service.host)).length > 0) {
      throw conflict('Unable to delete compute service that is hosting instances. Migrate or delete the instances first.');
    }
    await this.repo.deleteService(service);
  }
}
