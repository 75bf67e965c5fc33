import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { agentV1, computeV1 } from '@tinystack/contracts';
import { createServiceClient, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import { LibvirtDriver } from '@tinystack/hypervisor';
import { ensureBootSectorImage, FileImageSource } from '@tinystack/hypervisor/test-images';
import { tempDir } from '@tinystack/testing';
import type { Server } from 'nice-grpc';
import { startComputeAgent, type RunningAgent } from './agent-service.js';
import { computeAgentConfig, stateDirOf } from './config.js';
import { ComputeStandIn, startIdentityStandIn, startImageStandIn } from './testing/stand-ins.js';
import { ADMIN_ROLES_FOR_SERVICE, makeTokenSigner } from '@tinystack/auth/testing';

/**
 * The agent as compute sees it: its gRPC contract on 127.0.0.1, tokens verified against an
 * identity stand-in, images from an image stand-in, registration and heartbeats to a compute
 * stand-in, guests on libvirt's test driver (test:///default: real libvirt, no QEMU).
 */
const IMAGE_ID = '9d7f3c1e-2b4a-4e6f-8a1b-5c3d2e1f0a9b';
const PASSWORD = 'service-secret';
const signer = makeTokenSigner();
const tmp = tempDir('compute-agent-');
const compute = new ComputeStandIn();
const servers: Server[] = [];
let agent: RunningAgent;
let client: Client<typeof agentV1.AgentServiceDefinition, TinystackCallOptions>;
let served: string[];
let stateDir: string;
let config: ReturnType<typeof computeAgentConfig.from>;
const admin = () => signer.sign({ projectId: 'service', roles: ADMIN_ROLES_FOR_SERVICE });

before(async () => {
  const image = await ensureBootSectorImage();
  const identity = await startIdentityStandIn(signer, PASSWORD);
  const imageSvc = await startImageStandIn({ [IMAGE_ID]: image });
  served = imageSvc.served;
  const computeUrl = await compute.start();
  servers.push(identity.server, imageSvc.server, compute.server!);
  config = computeAgentConfig.from({
    TINYSTACK_DATA_DIR: tmp.path,
    TINYSTACK_LOG_LEVEL: 'silent',
    TINYSTACK_SERVICE_PASSWORD: PASSWORD,
    IDENTITY_GRPC_URL: identity.url,
    IMAGE_GRPC_URL: imageSvc.url,
    COMPUTE_GRPC_URL: computeUrl,
    LIBVIRT_URI: 'test:///default',
    COMPUTE_AGENT_GRPC_PORT: '0',
    COMPUTE_AGENT_HTTP_PORT: '0',
    COMPUTE_AGENT_HOST_NAME: 'host-a',
    COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '1s',
  });
  stateDir = stateDirOf(config);
  agent = await startComputeAgent({ config });
  client = createServiceClient(agentV1.AgentServiceDefinition, agent.grpcAddress).client;
});

after(async () => {
  await agent.close();
  await Promise.all(servers.map((s) => s.shutdown()));
  tmp.cleanup();
});

function spawnRequest(over: Partial<agentV1.SpawnServerRequest> = {}): agentV1.SpawnServerRequest {
  return {
    serverId: randomUUID(),
    name: 'vm-1',
    hostname: 'vm-1',
    projectId: 'p1',
    userId: 'u1',
    flavor: { name: 'm1.tiny', vcpus: 1, memoryMb: 64, rootGb: 1, ephemeralGb: 0, swapMb: 0 },
    imageId: IMAGE_ID,
    imageChecksum: '',
    imageOsHashAlgo: '',
    imageOsHashValue: '',
    metadata: { role: 'test' },
    keyName: 'k1',
    publicKey: 'ssh-ed25519 AAAA test',
    userData: Buffer.from('#!/bin/sh\necho hi\n'),
    availabilityZone: 'nova',
    launchIndex: 0,
    networkMode: agentV1.NetworkMode.NETWORK_MODE_NONE,
    ports: [],
    ...over,
  };
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await sleep(25);
  }
}

test('the agent registers with compute: host, advertised address, hypervisor and resources', async () => {
  await until('registration', () => compute.registrations.length > 0);
  const reg = compute.registrations[0];
  assert.equal(reg.host, 'host-a');
  assert.equal(reg.grpcUrl, agent.grpcAddress);
  assert.equal(reg.hypervisor?.type, 'test');
  assert.ok((reg.resources?.vcpus ?? 0) > 0);
  await until('heartbeats', () => compute.heartbeats.length > 0);
  const res = await fetch(`${agent.httpUrl}/healthz`);
  assert.equal(res.status, 200);
  const info = await client.getHostInfo({}, { token: admin() });
  assert.equal(info.host, 'host-a');
  assert.equal(info.hypervisor?.domainType, 'test');
});

test('only compute (an admin token) may call the agent', async () => {
  await assert.rejects(client.listServers({}), { kind: 'unauthorized' });
  await assert.rejects(client.listServers({}, { token: signer.sign() }), { kind: 'forbidden' });
});

test('spawn fetches the image once, runs the guest, and the guest shows in listings and heartbeats', async () => {
  const req = spawnRequest();
  const res = await client.spawnServer(req, { token: admin() });
  assert.equal(res.guest?.serverId, req.serverId);
  assert.equal(res.guest?.powerState, agentV1.PowerState.POWER_STATE_RUNNING);
  assert.equal(res.guest?.name, 'vm-1');
  const again = spawnRequest();
  await client.spawnServer(again, { token: admin() });
  assert.deepEqual(served, [IMAGE_ID]);
  assert.ok(existsSync(`${stateDir}/base/${IMAGE_ID}`));
  assert.ok(existsSync(`${stateDir}/instances/${req.serverId}/disk.config`));
  const list = await client.listServers({}, { token: admin() });
  assert.ok(list.guests.some((g) => g.serverId === req.serverId));
  await until('a heartbeat with the guest', () =>
    compute.heartbeats.some((h) =>
      h.guests.some(
        (g) =>
          g.serverId === req.serverId && g.powerState === computeV1.PowerState.POWER_STATE_RUNNING,
      ),
    ),
  );
  await client.destroyServer({ serverId: again.serverId, keepDisks: false }, { token: admin() });
  await client.destroyServer({ serverId: req.serverId, keepDisks: false }, { token: admin() });
  assert.ok(!existsSync(`${stateDir}/instances/${req.serverId}`));
  await assert.rejects(client.startServer({ serverId: req.serverId }, { token: admin() }), {
    kind: 'not_found',
  });
});

test('power actions return the new state, and changes are reported to compute', async () => {
  const req = spawnRequest();
  await client.spawnServer(req, { token: admin() });
  const t = { token: admin() };
  assert.equal(
    (await client.pauseServer({ serverId: req.serverId }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_PAUSED,
  );
  // A report carries the state read after the event, so it is awaited while the guest
  // is still paused (after the unpause a slow machine would read it running).
  await until('a paused report', () =>
    compute.reports.some(
      (r) =>
        r.guest?.serverId === req.serverId &&
        r.guest.powerState === computeV1.PowerState.POWER_STATE_PAUSED,
    ),
  );
  assert.equal(
    (await client.unpauseServer({ serverId: req.serverId }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_RUNNING,
  );
  assert.equal(
    (await client.suspendServer({ serverId: req.serverId }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_SUSPENDED,
  );
  assert.equal(
    (await client.resumeServer({ serverId: req.serverId }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_RUNNING,
  );
  assert.equal(
    (await client.stopServer({ serverId: req.serverId, timeoutMs: -1 }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_SHUTDOWN,
  );
  assert.equal(
    (await client.startServer({ serverId: req.serverId }, t)).guest?.powerState,
    agentV1.PowerState.POWER_STATE_RUNNING,
  );
  assert.equal(
    (await client.rebootServer({ serverId: req.serverId, hard: true, timeoutMs: 0 }, t)).guest
      ?.powerState,
    1,
  );
  await assert.rejects(client.unpauseServer({ serverId: randomUUID() }, t), { kind: 'not_found' });
  assert.equal(
    (await client.getConsoleOutput({ serverId: req.serverId, length: 10 }, t)).output,
    '',
  );
  await client.destroyServer({ serverId: req.serverId, keepDisks: false }, t);
});

test('a snapshot streams a flattened qcow2 of the root disk', async () => {
  const req = spawnRequest();
  await client.spawnServer(req, { token: admin() });
  const parts: Buffer[] = [];
  let info: agentV1.SnapshotInfo | undefined;
  for await (const m of client.snapshotServer(
    { serverId: req.serverId, diskFormat: '' },
    { token: admin() },
  )) {
    if (m.info) {
      info = m.info;
    } else if (m.chunk) {
      parts.push(Buffer.from(m.chunk));
    }
  }
  const bytes = Buffer.concat(parts);
  assert.equal(info?.diskFormat, 'qcow2');
  assert.equal(bytes.length, info?.size);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'QFI\xfb');
  await client.destroyServer({ serverId: req.serverId, keepDisks: false }, { token: admin() });
});

test('bad requests are refused and leave nothing behind', async () => {
  await assert.rejects(
    client.spawnServer(spawnRequest({ serverId: '../../etc/passwd' }), { token: admin() }),
    { kind: 'bad_request' },
  );
  const bad = spawnRequest({ imageChecksum: '0'.repeat(32), imageId: randomUUID() });
  await assert.rejects(client.spawnServer(bad, { token: admin() }), { kind: 'not_found' });
  assert.ok(!existsSync(`${stateDir}/instances/${bad.serverId}`));
});

test('guests of servers compute deleted are destroyed on the next heartbeat', async () => {
  const req = spawnRequest();
  await client.spawnServer(req, { token: admin() });
  compute.destroyIds = [req.serverId];
  await until('the guest to go', () => !existsSync(`${stateDir}/instances/${req.serverId}`));
  const list = await client.listServers({}, { token: admin() });
  assert.ok(!list.guests.some((g) => g.serverId === req.serverId));
});

test('a compute that forgot the host gets a new registration', async () => {
  const before = compute.registrations.length;
  compute.known = false;
  await until('a new registration', () => compute.registrations.length > before);
});

test('after an agent restart the guests libvirt still runs are registered again with their power state', async () => {
  // libvirt's test driver forgets its domains when its last connection closes: hold one
  const keeper = new LibvirtDriver({
    uri: 'test:///default',
    stateDir: `${tmp.path}/keeper`,
    virtType: 'auto',
    imageSource: new FileImageSource({}),
  });
  await keeper.init();
  const running = spawnRequest();
  const stopped = spawnRequest();
  await client.spawnServer(running, { token: admin() });
  await client.spawnServer(stopped, { token: admin() });
  await client.stopServer({ serverId: stopped.serverId, timeoutMs: -1 }, { token: admin() });

  await agent.close();
  const before = compute.registrations.length;
  agent = await startComputeAgent({ config });
  client = createServiceClient(agentV1.AgentServiceDefinition, agent.grpcAddress).client;
  await until('the registration after the restart', () => compute.registrations.length > before);
  const guests = compute.registrations.at(-1)?.guests ?? [];
  const stateOf = (id: string) => guests.find((g) => g.serverId === id)?.powerState;
  assert.equal(stateOf(running.serverId), computeV1.PowerState.POWER_STATE_RUNNING);
  assert.equal(stateOf(stopped.serverId), computeV1.PowerState.POWER_STATE_SHUTDOWN);
  await client.destroyServer({ serverId: running.serverId, keepDisks: false }, { token: admin() });
  await client.destroyServer({ serverId: stopped.serverId, keepDisks: false }, { token: admin() });
  await keeper.close();
});
