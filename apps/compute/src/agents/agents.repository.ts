import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ServiceEntity } from '../services/service.entity.js';
import { ComputeNodeEntity } from './compute-node.entity.js';

/** What an agent registers about its host. */
export interface NodeRegistration {
  readonly host: string;
  readonly grpcUrl: string;
  readonly hypervisorType: string;
  readonly hypervisorVersion: number;
  readonly hypervisorHostname: string;
  readonly hostIp: string;
  readonly cpuInfo: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly localGb: number;
  readonly freeDiskGb: number;
}

export const COMPUTE_BINARY = 'nova-compute';

/** Services (os-services rows) and compute nodes (hypervisors). */
@Injectable()
export class AgentsRepository {
  readonly services: Repository<ServiceEntity>;
  readonly nodes: Repository<ComputeNodeEntity>;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    this.services = ds.getRepository(ServiceEntity);
    this.nodes = ds.getRepository(ComputeNodeEntity);
  }

  /** The service row of `binary` on `host`, created (enabled) when missing; marked seen now. */
  async touchService(host: string, binary: string, now: number): Promise<ServiceEntity> {
    const found = await this.services.findOneBy({ host, binary });
    if (found) {
      await this.services.update({ id: found.id }, { lastSeenUp: now, updatedAt: now });
      return { ...found, lastSeenUp: now, updatedAt: now };
    }
    const row = Object.assign(new ServiceEntity(), {
      uuid: randomUUID(),
      binary,
      host,
      disabled: false,
      disabledReason: null,
      forcedDown: false,
      lastSeenUp: now,
      createdAt: now,
      updatedAt: now,
    });
    try {
      return await this.services.save(row);
    } catch {
      // another registration raced us to it
      const again = await this.services.findOneByOrFail({ host, binary });
      return again;
    }
  }

  /** Record the node of a registering agent (its service touched), creating it the first time. */
  async upsertNode(reg: NodeRegistration, now: number): Promise<ComputeNodeEntity> {
    const service = await this.touchService(reg.host, COMPUTE_BINARY, now);
    const fields = {
      serviceId: service.id,
      host: reg.host,
      grpcUrl: reg.grpcUrl,
      hypervisorType: reg.hypervisorType,
      hypervisorVersion: reg.hypervisorVersion,
      hypervisorHostname: reg.hypervisorHostname,
      hostIp: reg.hostIp,
      cpuInfo: reg.cpuInfo,
      vcpus: reg.vcpus,
      memoryMb: reg.memoryMb,
      localGb: reg.localGb,
      diskAvailableLeast: reg.freeDiskGb,
      updatedAt: now,
    };
    const found = await this.nodes.findOneBy({ host: reg.host });
    if (found) {
      await this.nodes.update({ id: found.id }, fields);
      return { ...found, ...fields };
    }
    return this.nodes.save(Object.assign(new ComputeNodeEntity(), { ...fields, uuid: randomUUID(), createdAt: now }));
  }

  /** A heartbeat: false when the host is unknown. */
  async heartbeat(host: string, resources: Pick<NodeRegistration, 'vcpus' | 'memoryMb' | 'localGb' | 'freeDiskGb'>, now: number): Promise<boolean> {
    const node = await this.nodes.findOneBy({ host });
    if (!node) {
      return false;
    }
    await this.services.update({ host, binary: COMPUTE_BINARY }, { lastSeenUp: now, updatedAt: now });
    await this.nodes.update(
      { id: node.id },
      { vcpus: resources.vcpus, memoryMb: resources.memoryMb, localGb: resources.localGb, diskAvailableLeast: resources.freeDiskGb, updatedAt: now },
    );
    return true;
  }

  listNodes(): Promise<ComputeNodeEntity[]> {
    return this.nodes.find({ order: { id: 'ASC' } });
  }

  findNode(host: string): Promise<ComputeNodeEntity | null> {
    return this.nodes.findOneBy({ host });
  }

  listServices(): Promise<ServiceEntity[]> {
    return this.services.find({ order: { id: 'ASC' } });
  }

  async deleteService(service: ServiceEntity): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (service.binary === COMPUTE_BINARY) {
        await m.delete(ComputeNodeEntity, { host: service.host });
      }
      await m.delete(ServiceEntity, { id: service.id });
    });
  }
}
