import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { notFound } from '@tinystack/errors';
import { QuotasService } from '../quotas/quotas.service.js';
import { ServerAccess } from '../servers/server-access.service.js';
import { VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { InstanceInvalidState, InstanceIsLocked } from '../shared/compute.errors.js';
import { isAdmin } from '../shared/policy.js';
import { ServerMetadataEntity } from './server-metadata.entity.js';

const EDITABLE = new Set<string>([VmState.ACTIVE, VmState.PAUSED, VmState.SUSPENDED, VmState.STOPPED]);

/** Server metadata: readers read it; members change it while the server is in a stable state. */
@Injectable()
export class ServerMetadataService {
  constructor(
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(ServersRepository) private readonly repo: ServersRepository,
    @Inject(QuotasService) private readonly quotas: QuotasService,
  ) {}

  async all(caller: AuthContext, id: string): Promise<Record<string, string>> {
    const server = await this.access.readable(caller, id);
    return (await this.repo.metadataOf([server.id])).get(server.id) ?? {};
  }

  async one(caller: AuthContext, id: string, key: string): Promise<string> {
    const value = (await this.all(caller, id))[key];
    if (value === undefined) {
      throw notFound('Metadata item was not found');
    }
    return value;
  }

  /** Nova's check: not locked (for non-admins), a stable vm_state and no task running. */
  private async editable(caller: AuthContext, id: string, verb: string): Promise<ServerEntity> {
    const server = await this.access.writable(caller, id);
    if (server.locked && !isAdmin(caller)) {
      throw new InstanceIsLocked(id);
    }
    if (!EDITABLE.has(server.vmState)) {
      throw new InstanceInvalidState(`Cannot '${verb}' instance ${id} while it is in vm_state ${server.vmState}`);
    }
    if (server.taskState !== null) {
      throw new InstanceInvalidState(`Cannot '${verb}' instance ${id} while it is in task_state ${server.taskState}`);
    }
    return server;
  }

  /** POST (merge) or PUT (replace all); returns the server's metadata afterwards. */
  async set(caller: AuthContext, id: string, items: Record<string, string>, replace: boolean): Promise<Record<string, string>> {
    const server = await this.editable(caller, id, 'update metadata');
    const current = (await this.repo.metadataOf([id])).get(id) ?? {};
    const next = replace ? { ...items } : { ...current, ...items };
    await this.quotas.checkMetadataItems(server.projectId, Object.keys(next).length);
    await this.repo.ds.transaction(async (m) => {
      if (replace) {
        await m.delete(ServerMetadataEntity, { serverId: id });
      }
      const rows = Object.entries(items).map(([key, value]) => ({ serverId: id, key, value }));
      if (rows.length > 0) {
        await m.upsert(ServerMetadataEntity, rows, ['serverId', 'key']);
      }
    });
    await this.repo.update(id, {});
    return next;
  }

  async remove(caller: AuthContext, id: string, key: string): Promise<void> {
    await this.editable(caller, id, 'delete metadata');
    const res = await this.repo.metadata.delete({ serverId: id, key });
    if ((res.affected ?? 0) === 0) {
      throw notFound('Metadata item was not found');
    }
    await this.repo.update(id, {});
  }
}
