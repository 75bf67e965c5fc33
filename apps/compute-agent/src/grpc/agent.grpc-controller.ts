import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { callerOf, GrpcAuthInterceptor, isAdmin } from '@tinystack/auth';
import { agentV1 } from '@tinystack/contracts';
import { badRequest, forbidden } from '@tinystack/errors';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import type { Observable } from 'rxjs';
import { GuestsService } from '../guests/guests.service.js';
import { HostInfoService } from '../compute/host-info.service.js';
import { toServerStream, type WritableCall } from './server-stream.js';

/** Only compute (an admin token: its service user) may drive the host. */
function requireCompute(metadata: Metadata | undefined): void {
  if (!isAdmin(callerOf(metadata))) {
    throw forbidden('Only the compute service may call the compute agent.');
  }
}

/** The agent contract: each handler checks the caller, calls one service method and maps the result. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@agentV1.AgentServiceControllerMethods()
export class AgentGrpcController implements agentV1.AgentServiceController {
  constructor(
    @Inject(GuestsService) private readonly guests: GuestsService,
    @Inject(HostInfoService) private readonly host: HostInfoService,
  ) {}

  async spawnServer(
    req: agentV1.SpawnServerRequest,
    md?: Metadata,
  ): Promise<agentV1.SpawnServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.spawn(req) };
  }

  async destroyServer(
    req: agentV1.DestroyServerRequest,
    md?: Metadata,
  ): Promise<agentV1.DestroyServerResponse> {
    requireCompute(md);
    await this.guests.destroy(req.serverId, req.keepDisks);
    return {};
  }

  async startServer(
    req: agentV1.StartServerRequest,
    md?: Metadata,
  ): Promise<agentV1.StartServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.start(req.serverId) };
  }

  async stopServer(
    req: agentV1.StopServerRequest,
    md?: Metadata,
  ): Promise<agentV1.StopServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.stop(req.serverId, req.timeoutMs) };
  }

  async rebootServer(
    req: agentV1.RebootServerRequest,
    md?: Metadata,
  ): Promise<agentV1.RebootServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.reboot(req.serverId, req.hard, req.timeoutMs) };
  }

  async pauseServer(
    req: agentV1.PauseServerRequest,
    md?: Metadata,
  ): Promise<agentV1.PauseServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.pause(req.serverId) };
  }

  async unpauseServer(
    req: agentV1.UnpauseServerRequest,
    md?: Metadata,
  ): Promise<agentV1.UnpauseServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.unpause(req.serverId) };
  }

  async suspendServer(
    req: agentV1.SuspendServerRequest,
    md?: Metadata,
  ): Promise<agentV1.SuspendServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.suspend(req.serverId) };
  }

  async resumeServer(
    req: agentV1.ResumeServerRequest,
    md?: Metadata,
  ): Promise<agentV1.ResumeServerResponse> {
    requireCompute(md);
    return { guest: await this.guests.resume(req.serverId) };
  }

  async attachInterface(req: agentV1.AttachInterfaceRequest, md?: Metadata): Promise<agentV1.AttachInterfaceResponse> {
    requireCompute(md);
    if (!req.port) {
      throw badRequest('AttachInterface needs a port.');
    }
    await this.guests.attachInterface(req.serverId, req.port);
    return {};
  }

  async detachInterface(req: agentV1.DetachInterfaceRequest, md?: Metadata): Promise<agentV1.DetachInterfaceResponse> {
    requireCompute(md);
    await this.guests.detachInterface(req.serverId, req.macAddress);
    return {};
  }

  async getConsoleOutput(
    req: agentV1.GetConsoleOutputRequest,
    md?: Metadata,
  ): Promise<agentV1.GetConsoleOutputResponse> {
    requireCompute(md);
    return { output: await this.guests.consoleOutput(req.serverId, req.length) };
  }

  snapshotServer(
    req: agentV1.SnapshotServerRequest,
    md?: Metadata,
    call?: WritableCall,
  ): Observable<agentV1.SnapshotServerResponse> {
    const guests = this.guests;
    return toServerStream((signal) => {
      requireCompute(md);
      return guests.snapshot(req.serverId, req.diskFormat, signal);
    }, call);
  }

  async listServers(
    _req: agentV1.ListServersRequest,
    md?: Metadata,
  ): Promise<agentV1.ListServersResponse> {
    requireCompute(md);
    return { guests: await this.guests.list() };
  }

  async getHostInfo(
    _req: agentV1.GetHostInfoRequest,
    md?: Metadata,
  ): Promise<agentV1.GetHostInfoResponse> {
    requireCompute(md);
    return this.host.hostInfo();
  }
}
