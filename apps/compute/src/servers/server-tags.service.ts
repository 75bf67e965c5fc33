import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, notFound } from '@tinystack/errors';
import { InstanceInvalidState } from '../shared/compute.errors.js';
import { ServerAccess } from './server-access.service.js';
import { VmState } from './server-state.js';
import { ServerTagEntity } from './server-tag.entity.js';
import { ServersRepository } from './servers.repository.js';

/** Nova's per-server tag limit. */
export const MAX_TAGS = 50;

const TAGGABLE = new Set<string>([VmState.ACTIVE, VmState.PAUSED, VmState.SUSPENDED, VmState.STOPPED, VmState.RESCUED, VmState.SHELVED]);

/** Server tags (2.26). */
@Injectable()
export class ServerTagsService {
  constructor(
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(ServersRepository) private readonly repo: ServersRepository,
  ) {}

  async list(caller: AuthContext, id: string): Promise<string[]> {
    const server = await this.access.readable(caller, id);
    return (await this.repo.tagsOf([server.id])).get(server.id) ?? [];
  }

  async has(caller: AuthContext, id: string, tag: string): Promise<void> {
    if (!(await this.list(caller, id)).includes(tag)) {
      throw notFound(`Tag ${tag} could not be found.`);
    }
  }

  private async taggable(caller: AuthContext, id: string): Promise<void> {
    const server = await this.access.writable(caller, id);
    if (!TAGGABLE.has(server.vmState) || server.taskState !== null) {
      const attr = TAGGABLE.has(server.vmState) ? `task_state ${server.taskState}` : `vm_state ${server.vmState}`;
      throw new InstanceInvalidState(`Cannot 'update tag' instance ${id} while it is in ${attr}`);
    }
  }

  async replace(caller: AuthContext, id: string, tags: string[]): Promise<string[]> {
    await this.taggable(caller, id);
    const unique = [...new Set(tags)];
    if (unique.length > MAX_TAGS) {
      throw badRequest(`The number of tags exceeded the per-server limit ${MAX_TAGS}`);
    }
    await this.repo.ds.transaction(async (m) => {
      await m.delete(ServerTagEntity, { serverId: id });
      if (unique.length > 0) {
        await m.insert(ServerTagEntity, unique.map((tag) => ({ serverId: id, tag })));
      }
    });
    return unique.sort();
  }

  /** True when the tag is new. */
  async add(caller: AuthContext, id: string, tag: string): Promise<boolean> {
    await this.taggable(caller, id);
    const current = (await this.repo.tagsOf([id])).get(id) ?? [];
    if (current.includes(tag)) {
      return false;
    }
    if (current.length >= MAX_TAGS) {
      throw badRequest(`The number of tags exceeded the per-server limit ${MAX_TAGS}`);
    }
    await this.repo.tags.insert({ serverId: id, tag });
    return true;
  }

  async remove(caller: AuthContext, id: string, tag: string): Promise<void> {
    await this.taggable(caller, id);
    const res = await this.repo.tags.delete({ serverId: id, tag });
    if ((res.affected ?? 0) === 0) {
      throw notFound(`Tag ${tag} could not be found.`);
    }
  }

  async clear(caller: AuthContext, id: string): Promise<void> {
    await this.taggable(caller, id);
    await this.repo.tags.delete({ serverId: id });
  }
}
