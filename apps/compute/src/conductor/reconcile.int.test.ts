// Medium test: what compute's records do when the agents report the truth (heartbeats,
// state reports, registration after a restart), over compute's real gRPC contract. Agents
// are in-process stand-ins (the agent contract did not exist yet; see testing/agent-stand-in.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient } from '@tinystack/grpc';
import { testDialects } from '@tinystack/testing';
import { ServersRepository } from '../servers/servers.repository.js';
import type { AgentStandIn } from '../testing/agent-stand-in.js';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

for (const dialect of testDialects()) {
  describe(`reconciliation on ${dialect}`, () => {
    let c: TestCloud;
    let agent: AgentStandIn;
    let token: string;
    const boot = async (name: string) => {
      const res = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name, imageRef: c.image.id, flavorRef: '6' } } });
      assert.equal(res.status, 202);
      await c.waitForStatus(token, res.body.server.id, 'ACTIVE');
      return res.body.server.id as string;
    };

    before(async () => {
      c = await startTestCloud(dialect, { env: { COMPUTE_AGENT_DOWN_AFTER: '2s' } });
      agent = await c.addAgent('host-a');
      token = c.t.tokens.member('p1');
    });
    after(() => c.close());

    test('a guest that died shows SHUTOFF after the next heartbeat; one found running again ACTIVE', async () => {
      const id = await boot('dies');
      agent.powerOffBehindComputesBack(id);
      await c.waitForStatus(token, id, 'SHUTOFF');
      const guest = agent.guests.get(id);
      assert.ok(guest);
      guest.power = 1;
      await agent.heartbeat(c.t.server.grpcAddress, c.serviceToken);
      await c.waitForStatus(token, id, 'ACTIVE');
    });

    test('a guest that vanished (host rebooted) turns its server SHUTOFF, not lost', async () => {
      const id = await boot('vanishes');
      agent.guests.delete(id);
      await agent.heartbeat(c.t.server.grpcAddress, c.serviceToken);
      const s = await c.waitForStatus(token, id, 'SHUTOFF');
      assert.equal(s['OS-EXT-STS:power_state'], 0);
    });

    test('ReportServerState updates the server at once', async () => {
      const id = await boot('reported');
      agent.silent = true;
      const { client, channel } = createServiceClient(computeV1.ComputeServiceDefinition, c.t.server.grpcAddress);
      try {
        await client.reportServerState(
          { host: 'host-a', guest: { serverId: id, powerState: computeV1.PowerState.POWER_STATE_SHUTDOWN, addresses: [] }, event: 'stopped/shutdown' },
          { token: c.serviceToken },
        );
        await c.waitForStatus(token, id, 'SHUTOFF');
      } finally {
        channel.close();
        agent.powerOffBehindComputesBack(id);
        agent.silent = false;
      }
    });

    test('the agent contract needs an admin (service) token', async () => {
      const { client, channel } = createServiceClient(computeV1.ComputeServiceDefinition, c.t.server.grpcAddress);
      try {
        const req = { host: 'host-a', resources: undefined, guests: [] };
        await assert.rejects(client.heartbeat(req, { token: c.t.tokens.member('p1') }), (e: unknown) => e instanceof DomainError && e.kind === 'forbidden');
        await assert.rejects(client.heartbeat(req), (e: unknown) => e instanceof DomainError && e.kind === 'unauthorized');
        const unknown = await client.heartbeat({ ...req, host: 'never-registered' }, { token: c.serviceToken });
        assert.equal(unknown.known, false, 'an unknown host is told to register');
      } finally {
        channel.close();
      }
    });

    test('the dashboard looks servers up over gRPC with the caller token', async () => {
      const id = await boot('dash');
      const { client, channel } = createServiceClient(computeV1.ComputeServiceDefinition, c.t.server.grpcAddress);
      try {
        const one = await client.getServer({ id }, { token });
        assert.equal(one.server?.name, 'dash');
        assert.equal(one.server?.status, 'ACTIVE');
        assert.equal(one.server?.flavor?.name, 't1.nano');
        assert.equal(one.server?.host, '', 'no host for members');
        const listed = await client.listServers({ allProjects: false, limit: 0, marker: '' }, { token });
        assert.ok(listed.servers.some((s) => s.id === id));
        await assert.rejects(client.getServer({ id }, { token: c.t.tokens.member('p2') }), (e: unknown) => e instanceof DomainError && e.kind === 'not_found');
      } finally {
        channel.close();
      }
    });

    test('a delete while the agent is unreachable is local; the agent destroys the guest when it registers', async () => {
      const id = await boot('orphaned');
      agent.unreachable = true;
      agent.silent = true;
      try {
        assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token })).status, 204);
        await c.waitFor(token, id, (_s, status) => status === 404);
        assert.ok(agent.guests.has(id), 'the guest is still there');
      } finally {
        agent.unreachable = false;
      }
      const res = await agent.register(c.t.server.grpcAddress, c.serviceToken);
      agent.silent = false;
      assert.deepEqual(res.destroyServerIds, [id]);
      assert.ok(!agent.guests.has(id));
    });

    test('a host without heartbeats is down and gets no servers until it beats again', async () => {
      agent.silent = true;
      await new Promise((r) => setTimeout(r, 2500));
      const admin = c.t.tokens.admin();
      const hv = (await c.t.call('GET', '/v2.1/os-hypervisors', { token: admin })).body.hypervisors[0];
      assert.equal(hv.state, 'down');
      const res = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'nowhere', imageRef: c.image.id, flavorRef: '6' } } });
      const s = await c.waitForStatus(token, res.body.server.id, 'ERROR');
      assert.match(String((s['fault'] as { message: string }).message), /ComputeFilter returned 0 hosts/);
      agent.silent = false;
      await agent.heartbeat(c.t.server.grpcAddress, c.serviceToken);
      assert.equal((await c.t.call('GET', '/v2.1/os-hypervisors', { token: admin })).body.hypervisors[0].state, 'up');
    });

    test('after a compute restart: active servers stay ACTIVE, interrupted work resumes', async () => {
      await agent.heartbeat(c.t.server.grpcAddress, c.serviceToken);
      const kept = await boot('kept');
      const interrupted = await boot('interrupted');
      const repo = c.t.server.app.get(ServersRepository);
      // as if compute died while stopping one server and before scheduling another
      await repo.update(interrupted, { taskState: 'powering-off' });
      const pending = (await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'pending', imageRef: c.image.id, flavorRef: '6' } } })).body.server.id as string;
      await c.idle();
      await repo.update(pending, { vmState: 'building', taskState: 'scheduling', host: null, node: null, powerState: 0, launchedAt: null });
      agent.guests.delete(pending);
      await c.restart();
      await agent.register(c.t.server.grpcAddress, c.serviceToken);
      await c.waitForStatus(token, kept, 'ACTIVE');
      await c.waitForStatus(token, interrupted, 'ACTIVE');
      await c.waitForStatus(token, pending, 'ACTIVE');
      assert.ok(agent.guests.has(pending), 'the interrupted build was carried out');
    });
  });
}
