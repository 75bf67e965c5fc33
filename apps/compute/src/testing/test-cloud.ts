import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestPostgres, tempDir } from '@tinystack/testing';
import { BackgroundTasks } from '../conductor/background-tasks.js';
import type { NetworkGateway } from '../networking/network.port.js';
import { startCompute } from '../start.js';
import { serveAgent } from './agent-grpc-server.js';
import { AgentStandIn, StandInConnector } from './agent-stand-in.js';
import { serveImages } from './image-grpc-server.js';
import { ImageStandIn, type StoredImage } from './image-stand-in.js';
import { startTestCompute, type TestCompute, type TestComputeOptions } from './test-compute.js';
import { ADMIN_ROLES_FOR_SERVICE, makeTokenSigner } from '@tinystack/auth/testing';

export interface TestCloud {
  readonly t: TestCompute;
  readonly connector: StandInConnector;
  readonly images: ImageStandIn;
  /** A public active image every project may boot. */
  readonly image: StoredImage;
  /** The service token agents use (the `compute` user, admin in project `service`). */
  readonly serviceToken: string;
  /** A new agent stand-in, registered over compute's gRPC contract. */
  addAgent(host: string, resources?: AgentStandIn['resources']): Promise<AgentStandIn>;
  /** Poll GET /servers/{id} until `done` holds (or fail after `timeoutMs`). */
  waitFor(token: string, id: string, done: (server: Record<string, unknown> | undefined, status: number) => boolean, timeoutMs?: number): Promise<Record<string, unknown> | undefined>;
  waitForStatus(token: string, id: string, status: string): Promise<Record<string, unknown>>;
  /** Wait until compute's background work (builds, actions) is done. */
  idle(): Promise<void>;
  /** Stop compute and start it again on the same database; the agents stay as they are. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestCloudOptions extends Omit<TestComputeOptions, 'start' | 'dataDir' | 'databaseUrl' | 'signer'> {
  /**
   * 'grpc' (default): the stand-ins are served over the real agent and image contracts and
   * compute uses its production gRPC adapters; 'in-process': compute gets them directly.
   */
  readonly transport?: 'grpc' | 'in-process';
  /** The network service compute talks to (none by default: the agents' default network). */
  readonly network?: NetworkGateway;
}

/**
 * compute on `dialect` with stand-ins for its agents and the image service (see
 * agent-stand-in.ts and image-stand-in.ts for why they are stand-ins).
 */
export async function startTestCloud(dialect: 'sqlite' | 'postgres', opts: TestCloudOptions = {}): Promise<TestCloud> {
  const { transport = 'grpc', network, ...computeOpts } = opts;
  const connector = new StandInConnector();
  const images = new ImageStandIn();
  const image = images.add({ owner: 'admin-project', name: 'cirros' });
  const dir = tempDir('compute-cloud-');
  const pg = dialect === 'postgres' ? await createTestPostgres() : undefined;
  const signer = makeTokenSigner();
  const closers: Array<() => Promise<void>> = [];
  const imageServer = transport === 'grpc' ? await serveImages(images) : undefined;
  if (imageServer) {
    closers.push(imageServer.close);
  }
  const boot = () =>
    startTestCompute({
      ...computeOpts,
      env: { ...computeOpts.env, ...(imageServer ? { IMAGE_GRPC_URL: imageServer.url } : {}) },
      dataDir: dir.path,
      databaseUrl: pg?.url,
      signer,
      start: (cfg) => startCompute(cfg, { ...(transport === 'grpc' ? {} : { agents: connector, images }), ...(network ? { network } : {}) }),
    });
  let t = await boot();
  const serviceToken = signer.sign({ userId: 'svc-compute', userName: 'compute', projectId: 'service', roles: ADMIN_ROLES_FOR_SERVICE });
  const agents: AgentStandIn[] = [];
  const waitFor: TestCloud['waitFor'] = async (token, id, done, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: { status: number; body: unknown } = { status: 0, body: undefined };
    while (Date.now() < deadline) {
      const res = await t.call('GET', `/v2.1/servers/${id}`, { token });
      last = { status: res.status, body: res.body };
      const server = res.body?.server as Record<string, unknown> | undefined;
      if (done(server, res.status)) {
        return server;
      }
      await sleep(20);
    }
    assert.fail(`server ${id} did not reach the expected state: ${JSON.stringify(last)}`);
  };
  return {
    get t() {
      return t;
    },
    connector,
    images,
    image,
    serviceToken,
    addAgent: async (host, resources) => {
      const agent = connector.add(new AgentStandIn(host, resources));
      if (transport === 'grpc') {
        const served = await serveAgent(agent);
        agent.grpcUrl = served.url;
        closers.push(served.close);
      }
      await agent.register(t.server.grpcAddress, serviceToken);
      agents.push(agent);
      // heartbeats as a real agent sends them, so slow test machines never see it down
      const timer = setInterval(() => {
        if (!agent.silent) {
          agent.heartbeat(t.server.grpcAddress, serviceToken).catch(() => undefined);
        }
      }, 300);
      timer.unref();
      closers.push(() => Promise.resolve(clearInterval(timer)));
      return agent;
    },
    waitFor,
    waitForStatus: async (token, id, status) =>
      (await waitFor(token, id, (s) => s?.['status'] === status && s['OS-EXT-STS:task_state'] === null)) as Record<string, unknown>,
    idle: () => t.server.app.get(BackgroundTasks).idle(),
    restart: async () => {
      await t.close();
      agents.forEach((a) => a.close());
      t = await boot();
    },
    close: async () => {
      agents.forEach((a) => a.close());
      await t.close();
      for (const close of closers) {
        await close();
      }
      await pg?.drop();
      dir.cleanup();
    },
  };
}
