import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { ServerNotFound } from '../shared/compute.errors.js';
import { isAdmin, requireMember, requireReader } from '../shared/policy.js';
import type { ServerEntity } from './server.entity.js';
import { ServersRepository } from './servers.repository.js';

/**
 * Who may see and act on a server: its project's readers see it, its members act on it,
 * admins do both anywhere. Anyone else gets the same 404 as for a server that does not
 * exist, so other projects' servers cannot be discovered.
 */
@Injectable()
export class ServerAccess {
  constructor(@Inject(ServersRepository) private readonly servers: ServersRepository) {}

  canSee(caller: AuthContext, server: ServerEntity): boolean {
    return isAdmin(caller) || server.projectId === caller.projectId;
  }

  /** A live server the caller may read. */
  async readable(caller: AuthContext, id: string): Promise<ServerEntity> {
    requireReader(caller);
    const server = await this.servers.findLive(id);
    if (!server || !this.canSee(caller, server)) {
      throw new ServerNotFound(id);
    }
    return server;
  }

  /** A live server the caller may act on (member of its project, or admin). */
  async writable(caller: AuthContext, id: string): Promise<ServerEntity> {
    const server = await this.readable(caller, id);
    requireMember(caller);
    return server;
  }

  /** A server, deleted or not, the caller may read (instance actions from 2.21). */
  async readableAny(caller: AuthContext, id: string): Promise<ServerEntity> {
    requireReader(caller);
    const server = await this.servers.findAny(id);
    if (!server || !this.canSee(caller, server)) {
      throw new ServerNotFound(id);
    }
    return server;
  }
}
