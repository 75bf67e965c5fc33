// Medium test: the calls the dashboard makes on compute's gRPC contract (create with a
// count, power actions, console output, delete, key pairs, flavors, quota usage), over
// real gRPC with real tokens, with the REST API's policy and quota refusals.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient } from '@tinystack/grpc';
import { testDialects } from '@tinystack/testing';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGPkm++PveoVutPRq8hAdNYC8NxvYeDFqALU8qiFy/F0 test';
const kindIs = (kind: string) => (e: unknown) => e instanceof DomainError && e.kind === kind;

for (const dialect of testDialects()) {
  describe(`the dashboard's compute contract on ${dialect}`, () => {
    let c: TestCloud;
    let client: ReturnType<typeof createServiceClient<typeof computeV1.ComputeServiceDefinition>>['client'];
    let close: () => void;
    let token: string;

    before(async () => {
      c = await startTestCloud(dialect);
      await c.addAgent('host-a');
      token = c.t.tokens.member('p1');
      const made = createServiceClient(computeV1.ComputeServiceDefinition, c.t.server.grpcAddress);
      client = made.client;
      close = () => made.channel.close();
    });
    after(async () => {
      close();
      await c.close();
    });

    const create = (over: Partial<computeV1.CreateServerRequest>, as = token) =>
      client.createServer(
        {
          name: 'web',
          imageId: c.image.id,
          flavorId: '6',
          keyName: '',
          userData: Buffer.alloc(0),
          count: 1,
          metadata: {},
          availabilityZone: '',
          networks: '',
          ...over,
        },
        { token: as },
      );

    test('CreateServer makes `count` servers that become ACTIVE; actions, console, delete follow', async () => {
      const kp = await client.createKeypair({ name: 'dash-key' }, { token });
      const res = await create({ name: 'pair', count: 2, keyName: 'dash-key', userData: Buffer.from('#!/bin/sh\necho hi\n') });
      assert.deepEqual(res.servers.map((s) => s.name).sort(), ['pair-1', 'pair-2']);
      assert.ok(res.servers.every((s) => s.status === 'BUILD' && s.keyName === kp.keypair?.name));
      const [first, second] = res.servers.map((s) => s.id) as [string, string];
      await c.waitForStatus(token, first, 'ACTIVE');
      await c.waitForStatus(token, second, 'ACTIVE');
      // the instances table's pages: `limit` after `marker`, newest first
      const page1 = await client.listServers({ allProjects: false, limit: 1, marker: '' }, { token });
      assert.equal(page1.servers.length, 1);
      const page2 = await client.listServers({ allProjects: false, limit: 1, marker: page1.servers[0]?.id ?? '' }, { token });
      assert.deepEqual(
        [...page1.servers, ...page2.servers].map((s) => s.id).sort(),
        [first, second].sort(),
      );

      const log = await client.getConsoleOutput({ id: first, tailLines: 0 }, { token });
      assert.match(log.text, /tinystack test guest .* booted/);
      const tail = await client.getConsoleOutput({ id: first, tailLines: 1 }, { token });
      assert.ok(tail.text.length < log.text.length);

      await client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_STOP }, { token });
      await c.waitForStatus(token, first, 'SHUTOFF');
      await assert.rejects(
        client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_STOP }, { token }),
        kindIs('conflict'),
        'stopping a stopped server is refused as REST refuses it',
      );
      await assert.rejects(
        client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_UNSPECIFIED }, { token }),
        kindIs('bad_request'),
      );
      await client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_START }, { token });
      await c.waitForStatus(token, first, 'ACTIVE');

      await client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_PAUSE }, { token });
      await c.waitForStatus(token, first, 'PAUSED');
      await client.serverAction({ id: first, action: computeV1.ServerActionKind.SERVER_ACTION_KIND_UNPAUSE }, { token });
      await c.waitForStatus(token, first, 'ACTIVE');

      const snap = await client.createServerSnapshot({ id: second, name: 'pair-snap', metadata: { purpose: 'dash' } }, { token });
      const stored = c.images.images.get(snap.imageId);
      assert.equal(stored?.name, 'pair-snap');
      await c.waitForStatus(token, second, 'ACTIVE');
      await assert.rejects(
        client.createServerSnapshot({ id: second, name: 'x', metadata: {} }, { token: c.t.tokens.member('p2') }),
        kindIs('not_found'),
        "another project's member cannot snapshot it",
      );

      await assert.rejects(client.deleteServer({ id: first }, { token: c.t.tokens.member('p2') }), kindIs('not_found'));
      await client.deleteServer({ id: first }, { token });
      await client.deleteServer({ id: second }, { token });
      await c.waitFor(token, first, (_s, status) => status === 404);
      await c.waitFor(token, second, (_s, status) => status === 404);
    });

    test('CreateServer validates like POST /servers: bad names, unknown flavors, readers', async () => {
      await assert.rejects(create({ name: '' }), kindIs('bad_request'));
      await assert.rejects(create({ flavorId: 'no-such-flavor' }), kindIs('bad_request'));
      await assert.rejects(create({ keyName: 'no-such-key' }), kindIs('bad_request'));
      await assert.rejects(create({}, c.t.tokens.reader('p1')), kindIs('forbidden'));
      await assert.rejects(create({}, ''), kindIs('unauthorized'));
    });

    test('over quota: CreateServer refuses all of `count` with Nova message; GetQuotaUsage shows it', async () => {
      const admin = c.t.tokens.admin();
      const set = await c.t.call('PUT', '/v2.1/os-quota-sets/p3', { token: admin, body: { quota_set: { instances: 2 } } });
      assert.equal(set.status, 200);
      const p3 = c.t.tokens.member('p3');
      await assert.rejects(create({ count: 3 }, p3), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.kind, 'forbidden');
        assert.match(e.message, /^Quota exceeded for instances: Requested 3, but already used 0 of 2 instances/);
        return true;
      });
      const one = await create({ name: 'q' }, p3);
      const usage = await client.getQuotaUsage({ projectId: '' }, { token: p3 });
      const instances = usage.usage.find((u) => u.resource === 'instances');
      assert.deepEqual(instances, { resource: 'instances', limit: 2, inUse: 1 });
      assert.ok(usage.usage.some((u) => u.resource === 'cores') && usage.usage.some((u) => u.resource === 'ram'));
      await assert.rejects(client.getQuotaUsage({ projectId: 'p1' }, { token: p3 }), kindIs('forbidden'));
      const asAdmin = await client.getQuotaUsage({ projectId: 'p3' }, { token: admin });
      assert.equal(asAdmin.usage.find((u) => u.resource === 'instances')?.inUse, 1);
      await client.deleteServer({ id: one.servers[0]?.id ?? '' }, { token: p3 });
    });

    test('key pairs: create returns the private key once, import, list, delete', async () => {
      const me = c.t.tokens.member('p4');
      const made = await client.createKeypair({ name: 'gen' }, { token: me });
      assert.match(made.privateKey, /PRIVATE KEY/);
      assert.match(made.keypair?.publicKey ?? '', /^ssh-/);
      const imported = await client.importKeypair({ name: 'mine', publicKey: ED25519, type: '' }, { token: me });
      assert.equal(imported.keypair?.type, 'ssh');
      assert.match(imported.keypair?.fingerprint ?? '', /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$|^SHA256:/);
      const listed = await client.listKeypairs({}, { token: me });
      assert.deepEqual(listed.keypairs.map((k) => k.name).sort(), ['gen', 'mine']);
      assert.ok(listed.keypairs.every((k) => !('privateKey' in k)));
      await assert.rejects(client.importKeypair({ name: 'mine', publicKey: ED25519, type: '' }, { token: me }), kindIs('conflict'));
      await assert.rejects(client.importKeypair({ name: 'bad', publicKey: 'not a key', type: '' }, { token: me }), kindIs('bad_request'));
      await assert.rejects(client.createKeypair({ name: 'bad/name' }, { token: me }), kindIs('bad_request'));
      await client.deleteKeypair({ name: 'gen' }, { token: me });
      await assert.rejects(client.deleteKeypair({ name: 'gen' }, { token: me }), kindIs('not_found'));
      assert.deepEqual((await client.listKeypairs({}, { token: me })).keypairs.map((k) => k.name), ['mine']);
    });

    test('flavors: everyone lists public ones; only admins create (with extra specs) and delete', async () => {
      const admin = c.t.tokens.admin();
      const req = { name: 'dash.small', id: 'dash-small', vcpus: 1, ramMb: 128, diskGb: 1, isPublic: false, description: 'made over gRPC', extraSpecs: { 'hw:cpu_policy': 'shared' } };
      await assert.rejects(client.createFlavor(req, { token }), kindIs('forbidden'), 'a member may not create flavors');
      const made = await client.createFlavor(req, { token: admin });
      assert.equal(made.flavor?.isPublic, false);
      const forAdmin = await client.listFlavors({}, { token: admin });
      const mine = forAdmin.flavors.find((f) => f.id === 'dash-small');
      assert.deepEqual(mine?.extraSpecs, { 'hw:cpu_policy': 'shared' });
      assert.equal(mine?.description, 'made over gRPC');
      const forMember = await client.listFlavors({}, { token });
      assert.ok(forMember.flavors.some((f) => f.id === '6'));
      assert.ok(!forMember.flavors.some((f) => f.id === 'dash-small'), 'a private flavor is not shown to others');
      await assert.rejects(client.createFlavor({ ...req, id: 'x', vcpus: 0 }, { token: admin }), kindIs('bad_request'));
      await assert.rejects(client.deleteFlavor({ id: 'dash-small' }, { token }), kindIs('forbidden'));
      await client.deleteFlavor({ id: 'dash-small' }, { token: admin });
      await assert.rejects(client.deleteFlavor({ id: 'dash-small' }, { token: admin }), kindIs('not_found'));
    });
  });
}
