import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { callerOf, GrpcAuthInterceptor } from '@tinystack/auth';
import { computeV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseFlavorListQuery } from '../flavors/flavor-list.query.js';
import { FlavorsService } from '../flavors/flavors.service.js';
import { ApiVersion } from '../http/api-version.js';
import { KeypairsService } from '../keypairs/keypairs.service.js';
import { quotaResourcesAt } from '../quotas/quota-resources.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { ServerActionsService } from '../server-actions/server-actions.service.js';
import { ServerCreateService } from '../servers/server-create.service.js';
import { parseServerListQuery } from '../servers/server-list.query.js';
import { ServersService } from '../servers/servers.service.js';
import { MAX_LIMIT } from '../shared/query.js';
import { isAdmin, projectOf } from '../shared/policy.js';
import { AgentSessionsService } from './agent-sessions.service.js';
import {
  createFlavorBodyOf,
  createServerBodyOf,
  newKeypairOf,
  powerActionOf,
  protoFlavor,
  protoKeypair,
  tokenOf,
} from './dashboard-mappers.js';
import { guestOf, protoServer, registrationOf, resourcesOf } from './proto-mappers.js';

/**
 * compute's gRPC contract: agents register, heartbeat and report; the dashboard manages
 * servers, key pairs, flavors and reads quotas. Every handler is one call into the service
 * the REST API uses, so policy and errors are the same.
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@computeV1.ComputeServiceControllerMethods()
export class ComputeGrpcController implements computeV1.ComputeServiceController {
  constructor(
    @Inject(AgentSessionsService) private readonly sessions: AgentSessionsService,
    @Inject(ServersService) private readonly servers: ServersService,
    @Inject(ServerCreateService) private readonly creator: ServerCreateService,
    @Inject(ServerActionsService) private readonly actions: ServerActionsService,
    @Inject(KeypairsService) private readonly keypairs: KeypairsService,
    @Inject(FlavorsService) private readonly flavors: FlavorsService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
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

  async createServer(req: computeV1.CreateServerRequest, meta?: Metadata): Promise<computeV1.CreateServerResponse> {
    const caller = callerOf(meta);
    const created = await this.creator.create(caller, tokenOf(meta), createServerBodyOf(req), ApiVersion.max);
    const records = await this.servers.withExtras(created.servers);
    return { servers: records.map((r) => protoServer(r, isAdmin(caller))) };
  }

  async serverAction(req: computeV1.ServerActionRequest, meta?: Metadata): Promise<computeV1.ServerActionResponse> {
    await this.actions.power(callerOf(meta), req.id, powerActionOf(req.action));
    return {};
  }

  async createServerSnapshot(req: computeV1.CreateServerSnapshotRequest, meta?: Metadata): Promise<computeV1.CreateServerSnapshotResponse> {
    return { imageId: await this.actions.createImage(callerOf(meta), tokenOf(meta), req.id, req.name, req.metadata) };
  }

  async deleteServer(req: computeV1.DeleteServerRequest, meta?: Metadata): Promise<computeV1.DeleteServerResponse> {
    await this.servers.delete(callerOf(meta), req.id);
    return {};
  }

  async getConsoleOutput(req: computeV1.GetConsoleOutputRequest, meta?: Metadata): Promise<computeV1.GetConsoleOutputResponse> {
    return { text: await this.actions.consoleOutput(callerOf(meta), req.id, req.tailLines > 0 ? req.tailLines : -1) };
  }

  async listKeypairs(_req: computeV1.ListKeypairsRequest, meta?: Metadata): Promise<computeV1.ListKeypairsResponse> {
    const found = await this.keypairs.list(callerOf(meta), undefined, MAX_LIMIT);
    return { keypairs: found.map(protoKeypair) };
  }

  async createKeypair(req: computeV1.CreateKeypairRequest, meta?: Metadata): Promise<computeV1.CreateKeypairResponse> {
    const { keypair, privateKey } = await this.keypairs.create(callerOf(meta), newKeypairOf(req.name));
    return { keypair: protoKeypair(keypair), privateKey: privateKey ?? '' };
  }

  async importKeypair(req: computeV1.ImportKeypairRequest, meta?: Metadata): Promise<computeV1.ImportKeypairResponse> {
    const { keypair } = await this.keypairs.create(callerOf(meta), newKeypairOf(req.name, req.publicKey, req.type));
    return { keypair: protoKeypair(keypair) };
  }

  async deleteKeypair(req: computeV1.DeleteKeypairRequest, meta?: Metadata): Promise<computeV1.DeleteKeypairResponse> {
    await this.keypairs.delete(callerOf(meta), req.name);
    return {};
  }

  async listFlavors(_req: computeV1.ListFlavorsRequest, meta?: Metadata): Promise<computeV1.ListFlavorsResponse> {
    const caller = callerOf(meta);
    const params = parseFlavorListQuery(isAdmin(caller) ? { is_public: 'None' } : {}, ApiVersion.max);
    const found = await this.flavors.list(caller, params);
    const specs = await this.flavors.extraSpecsOf(found.map((f) => f.id));
    return { flavors: found.map((f) => protoFlavor(f, specs.get(f.id))) };
  }

  async createFlavor(req: computeV1.CreateFlavorRequest, meta?: Metadata): Promise<computeV1.CreateFlavorResponse> {
    const caller = callerOf(meta);
    const flavor = await this.flavors.create(caller, createFlavorBodyOf(req));
    if (Object.keys(req.extraSpecs).length > 0) {
      await this.flavors.setExtraSpecs(caller, flavor.id, req.extraSpecs);
    }
    return { flavor: protoFlavor(flavor, req.extraSpecs) };
  }

  async deleteFlavor(req: computeV1.DeleteFlavorRequest, meta?: Metadata): Promise<computeV1.DeleteFlavorResponse> {
    await this.flavors.delete(callerOf(meta), req.id);
    return {};
  }

  async getQuotaUsage(req: computeV1.GetQuotaUsageRequest, meta?: Metadata): Promise<computeV1.GetQuotaUsageResponse> {
    const caller = callerOf(meta);
    const project = this.quotas.readableProject(caller, req.projectId || projectOf(caller));
    const limits = await this.quotas.limitsOf(project);
    const usage = await this.quotas.usageOf(project, project === caller.projectId ? caller.userId : undefined);
    return {
      usage: quotaResourcesAt(ApiVersion.max).map((r) => ({ resource: r, limit: limits[r], inUse: usage[r] ?? 0 })),
    };
  }
}
