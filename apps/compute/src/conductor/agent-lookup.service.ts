import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@tinystack/errors';
import { AGENT_CONNECTOR, type AgentConnector, type HypervisorAgent } from '../agents/agent.port.js';
import { AgentsRepository } from '../agents/agents.repository.js';

/** The agent of a host, from the gRPC address it registered. */
@Injectable()
export class AgentLookup {
  constructor(
    @Inject(AgentsRepository) private readonly repo: AgentsRepository,
    @Inject(AGENT_CONNECTOR) private readonly connector: AgentConnector,
  ) {}

  /** Throws `unavailable` when the host has never registered. */
  async forHost(host: string): Promise<HypervisorAgent> {
    const node = await this.repo.findNode(host);
    if (!node) {
      throw new DomainError('unavailable', `Compute host ${host} could not be found.`);
    }
    return this.connector.agentAt(node.grpcUrl);
  }
}

/** True for errors that say the agent could not be reached (rather than that it refused). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof DomainError && err.kind === 'unavailable';
}

/** An Error's message, for faults and logs. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
