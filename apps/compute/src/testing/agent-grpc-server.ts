import { agentV1 } from '@tinystack/contracts';
import { DomainError, grpcCodeOf } from '@tinystack/errors';
import { claimsToAuthContext, isAdmin } from '@tinystack/auth';
import jwt from 'jsonwebtoken';
import { createServer, ServerError, Status, type CallContext } from 'nice-grpc';
import type { AgentGuest } from '../agents/agent.port.js';
import type { AgentStandIn } from './agent-stand-in.js';

const protoGuest = (g: AgentGuest): agentV1.Guest => ({
  serverId: g.serverId,
  powerState: g.powerState,
  addresses: g.addresses.map((a) => ({ ...a })),
  hypervisorState: '',
  name: '',
});

/** Checks compute's service token (decoded, not verified: compute signs nothing itself) and the stand-in's reachability. */
function guard(agent: AgentStandIn, ctx: CallContext): void {
  if (agent.unreachable) {
    throw new ServerError(Status.UNAVAILABLE, `agent ${agent.host} is down`);
  }
  const token = ctx.metadata.get('x-auth-token');
  const caller = typeof token === 'string' ? claimsToAuthContext(jwt.decode(token)) : undefined;
  if (!caller || !isAdmin(caller)) {
    throw new ServerError(Status.PERMISSION_DENIED, 'compute must call with its service token');
  }
}

/** Runs `work` with the stand-in, turning its DomainErrors into gRPC statuses as the real agent does. */
async function handled<T>(agent: AgentStandIn, ctx: CallContext, work: () => Promise<T>): Promise<T> {
  guard(agent, ctx);
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) {
      ctx.trailer?.set?.('x-error-kind', err.kind);
      throw new ServerError(grpcCodeOf(err.kind), err.message);
    }
    throw err;
  }
}

/**
 * Serves an AgentStandIn over the real agent contract (tinystack.agent.v1) on 127.0.0.1, so
 * compute reaches it through its production gRPC adapter. The guests are the stand-in's
 * records, not libvirt domains: apps/compute may not depend on libs/hypervisor (Nx scopes),
 * and the whole-cloud e2e suite runs the real agent with real guests.
 */
export async function serveAgent(agent: AgentStandIn): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer();
  const guestRes = async (p: Promise<AgentGuest>) => ({ guest: protoGuest(await p) });
  server.add(agentV1.AgentServiceDefinition, {
    spawnServer: (req, ctx) =>
      handled(agent, ctx, () =>
        guestRes(
          agent.spawn({
            serverId: req.serverId,
            name: req.name,
            hostname: req.hostname,
            projectId: req.projectId,
            userId: req.userId,
            vcpus: req.flavor?.vcpus ?? 0,
            memoryMb: req.flavor?.memoryMb ?? 0,
            rootGb: req.flavor?.rootGb ?? 0,
            ephemeralGb: req.flavor?.ephemeralGb ?? 0,
            swapMb: req.flavor?.swapMb ?? 0,
            flavorName: req.flavor?.name ?? '',
            imageId: req.imageId,
            networkMode: req.networkMode === agentV1.NetworkMode.NETWORK_MODE_NONE ? 'none' : 'auto',
            metadata: req.metadata,
            keyName: req.keyName || null,
            publicKey: req.publicKey || null,
            userData: req.userData.length > 0 ? Buffer.from(req.userData).toString('base64') : null,
            availabilityZone: req.availabilityZone,
            launchIndex: req.launchIndex,
            ports: req.ports.map((p) => ({
              portId: p.portId,
              networkId: p.networkId,
              networkName: '',
              macAddress: p.macAddress,
              mtu: p.mtu,
              addresses: p.addresses.map((a) => ({ ipAddress: a.ipAddress, cidr: a.cidr, gatewayIp: a.gatewayIp, dnsNameservers: a.dnsNameservers })),
            })),
          }),
        ),
      ),
    destroyServer: (req, ctx) => handled(agent, ctx, async () => (await agent.destroy(req.serverId), {})),
    startServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.start(req.serverId))),
    stopServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.stop(req.serverId))),
    rebootServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.reboot(req.serverId, req.hard))),
    pauseServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.pause(req.serverId))),
    unpauseServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.unpause(req.serverId))),
    suspendServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.suspend(req.serverId))),
    resumeServer: (req, ctx) => handled(agent, ctx, () => guestRes(agent.resume(req.serverId))),
    attachInterface: (req, ctx) =>
      handled(agent, ctx, async () => {
        const p = req.port;
        if (p) {
          await agent.attachInterface(req.serverId, { ...p, networkName: '', addresses: p.addresses.map((a) => ({ ...a })) });
        }
        return {};
      }),
    detachInterface: (req, ctx) => handled(agent, ctx, async () => (await agent.detachInterface(req.serverId, req.portId, req.macAddress), {})),
    getConsoleOutput: (req, ctx) =>
      handled(agent, ctx, async () => ({ output: await agent.consoleOutput(req.serverId, req.length > 0 ? req.length : undefined) })),
    async *snapshotServer(req, ctx) {
      const snap = await handled(agent, ctx, () => agent.snapshot(req.serverId));
      yield { info: { diskFormat: snap.diskFormat, size: snap.size } };
      for await (const chunk of snap.chunks) {
        yield { chunk };
      }
    },
    listServers: (_req, ctx) => handled(agent, ctx, async () => ({ guests: (await agent.listGuests()).map(protoGuest) })),
    getHostInfo: (_req, ctx) =>
      handled(agent, ctx, () =>
        Promise.resolve({
          host: agent.host,
          hypervisor: { type: 'QEMU', version: 8002000, hostname: agent.host, domainType: 'test', cpuArch: 'x86_64', libvirtVersion: 9000000 },
          resources: { vcpus: agent.resources.vcpus, memoryMb: agent.resources.memoryMb, localGb: agent.resources.localGb, freeDiskGb: agent.resources.localGb },
        }),
      ),
  });
  const port = await server.listen('127.0.0.1:0');
  return { url: `127.0.0.1:${port}`, close: () => server.shutdown() };
}
