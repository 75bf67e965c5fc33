import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { callerOf, GrpcAuthInterceptor } from '@tinystack/auth';
import { computeV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { ApiVersion } from '../http/api-version.js';
import { parseServerListQuery } from '../servers/server-list.query.js';
import { ServersService } from '../servers/servers.service.js';
import { isAdmin } from '../shared/policy.js';
import { AgentSessionsService } from './agent-sessions.service.js';
import { guestOf, protoServer, registrationOf, resourcesOf } from './proto-mappers.js';

/** compute's gRPC contract: agents register, heartbeat and report; the dashboard looks servers up. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@computeV1.ComputeServiceControllerMethods()
export class ComputeGrpcController implements computeV1.ComputeServiceController {
  constructor(
    @Inject(AgentSessionsService) private readonly sessions: AgentSessionsService,
    @Inject(ServersService) private readonly servers: ServersService,
  ) {}

  registerAgent(req: computeV1.RegisterAgentRequest, meta?: Metadata): Promise<computeV1.RegisterAgentResponse> {
    return this.sessions.register(callerOf(meta), registrationOf(req), req.guests.map(guestOf));
  }

  heartbeat(req: computeV1.HeartbeatRequest, meta?: Metadata): Promise<computeV1.HeartbeatResponse> {
    return this.sessions.heartbeat(callerOf(meta), req.host, resourcesOf(req.resources), req.guests.map(guestOf));
  }

  async reportServerState(req: computeV1.ReportServerStateRequest, meta?: Metadata): Promise<computeV1.ReportServerStateResponse> {
    if (req.guest) {
      await this.sessions.report(callerOf(meta), req.host, guestOf(req.guest), req.event);
    }
    return {};
  }

  async listServers(req: computeV1.ListServersRequest, meta?: Metadata): Promise<computeV1.ListServersResponse> {
    const caller = callerOf(meta);
    const query: Record<string, string> = {};
    if (req.allProjects) {
      query['all_tenants'] = '1';
    }
    if (req.limit > 0) {
      query['limit'] = String(req.limit);
    }
    if (req.marker) {
      query['marker'] = req.marker;
    }
    const params = parseServerListQuery(query, ApiVersion.max, isAdmin(caller));
    const records = await this.servers.list(caller, params);
    return { servers: records.map((r) => protoServer(r, isAdmin(caller))) };
  }

  async getServer(req: computeV1.GetServerRequest, meta?: Metadata): Promise<computeV1.GetServerResponse> {
    const caller = callerOf(meta);
    return { server: protoServer(await this.servers.get(caller, req.id), isAdmin(caller)) };
  }
}
