// Medium test: identity's gRPC contract on a real server, with libs/auth's own client pieces
// (TokenVerifier + GrpcKeySource, RevocationWatcher) as the other services use them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  GrpcKeySource,
  RevocationList,
  RevocationWatcher,
  ServiceTokenProvider,
  TokenVerifier,
} from '@tinystack/auth';
import { DomainError } from '@tinystack/errors';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  roleId,
  SERVICE_PASSWORD,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof DomainError && err.kind === kind);
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) {
      throw new Error('timed out waiting');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of testDialects()) {
  describe(`gRPC (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let alice: string;
    let service: string;

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      alice = await createUser(h, admin, 'alice', { project: demo, role: 'member' });
      service = (
        await h.grpc.authenticate({
          userName: 'compute',
          userDomainName: 'Default',
          password: SERVICE_PASSWORD,
          scope: { projectName: 'service', projectDomainName: 'Default' },
        })
      ).token;
    });
    after(() => h.close());

    test('Authenticate and Rescope need no token; ListSigningKeys neither', async () => {
      const res = await h.grpc.authenticate({
        userName: 'alice',
        userDomainName: 'Default',
        password: 'alice-pw',
        scope: { projectId: demo },
      });
      assert.equal(res.info?.projectId, demo);
      assert.deepEqual(res.info?.roles.map((r) => r.name).sort(), ['member', 'reader']);
      await rejectsWith(h.grpc.authenticate({ userId: alice, password: 'wrong' }), 'unauthorized');
      const unscoped = await h.grpc.authenticate({ userId: alice, password: 'alice-pw' });
      assert.equal(unscoped.info?.projectId, '');
      const rescoped = await h.grpc.rescope({
        token: unscoped.token,
        scope: { projectName: 'demo', projectDomainName: 'Default' },
      });
      assert.equal(rescoped.info?.projectName, 'demo');
      assert.equal(rescoped.info?.expiresAt, unscoped.info?.expiresAt);
      const keys = await h.grpc.listSigningKeys({});
      assert.equal(keys.keys.length, 1);
      assert.equal(keys.keys[0]?.algorithm, 'ES256');
      assert.match(keys.keys[0]?.publicKeyPem ?? '', /BEGIN PUBLIC KEY/);
      assert.doesNotMatch(JSON.stringify(keys), /PRIVATE/);
    });

    test('tokens verify locally with libs/auth TokenVerifier fed by ListSigningKeys', async () => {
      const verifier = new TokenVerifier({ keySource: new GrpcKeySource(h.grpc) });
      const ctx = await verifier.verify(admin);
      assert.equal(ctx.userName, 'admin');
      assert.ok(ctx.roles.some((r) => r.name === 'admin'));
      await rejectsWith(verifier.verify(`${admin.slice(0, -3)}abc`), 'unauthorized');
    });

    test('ValidateToken: full check, caller needed, owner or admin', async () => {
      const t = (
        await h.grpc.authenticate({
          userId: alice,
          password: 'alice-pw',
          scope: { projectId: demo },
        })
      ).token;
      await rejectsWith(h.grpc.validateToken({ token: t }), 'unauthorized');
      const res = await h.grpc.validateToken({ token: t }, { token: service });
      assert.equal(res.info?.userId, alice);
      assert.equal((await h.grpc.validateToken({ token: t }, { token: t })).info?.userId, alice);
      await createUser(h, admin, 'bob', { project: demo, role: 'member' });
      const bob = await h.token({ user: 'bob', project: 'demo' });
      await rejectsWith(h.grpc.validateToken({ token: t }, { token: bob }), 'forbidden');
      await rejectsWith(h.grpc.validateToken({ token: 'junk' }, { token: service }), 'not_found');
    });

    test('GetUser, GetProject, ListUserProjects, ListRoleAssignments follow the REST policy', async () => {
      const t = await h.token({ user: 'alice', project: 'demo' });
      assert.equal((await h.grpc.getUser({ id: alice }, { token: t })).user?.name, 'alice');
      assert.equal((await h.grpc.getUser({ id: alice }, { token: service })).user?.name, 'alice');
      const adminId =
        (await h.grpc.validateToken({ token: admin }, { token: admin })).info?.userId ?? '';
      await rejectsWith(h.grpc.getUser({ id: adminId }, { token: t }), 'forbidden');
      await rejectsWith(h.grpc.getUser({ id: 'nope' }, { token: service }), 'not_found');
      assert.equal((await h.grpc.getProject({ id: demo }, { token: t })).project?.name, 'demo');
      const adminProject =
        (await h.grpc.validateToken({ token: admin }, { token: admin })).info?.projectId ?? '';
      await rejectsWith(h.grpc.getProject({ id: adminProject }, { token: t }), 'forbidden');
      assert.deepEqual(
        (await h.grpc.listUserProjects({ userId: '' }, { token: t })).projects.map((p) => p.name),
        ['demo'],
      );
      await rejectsWith(h.grpc.listUserProjects({ userId: adminId }, { token: t }), 'forbidden');
      const ra = await h.grpc.listRoleAssignments(
        { userId: alice, projectId: demo, effective: true },
        { token: service },
      );
      assert.deepEqual(ra.assignments.map((a) => a.roleName).sort(), ['member', 'reader']);
      await rejectsWith(
        h.grpc.listRoleAssignments({ userId: '', projectId: demo, effective: false }, { token: t }),
        'forbidden',
      );
      await rejectsWith(h.grpc.getUser({ id: alice }), 'unauthorized');
    });

    test('RevokeToken: a token revokes itself, or an admin revokes any', async () => {
      const t1 = (await h.grpc.authenticate({ userId: alice, password: 'alice-pw' })).token;
      await h.grpc.revokeToken({ token: t1 });
      await rejectsWith(h.grpc.validateToken({ token: t1 }, { token: service }), 'not_found');
      const t2 = (await h.grpc.authenticate({ userId: alice, password: 'alice-pw' })).token;
      await h.grpc.revokeToken({ token: t2 }, { token: service });
      await rejectsWith(h.grpc.validateToken({ token: t2 }, { token: service }), 'not_found');
    });

    test('WatchRevocations replays, then streams events after a password change and a role removal', async () => {
      const list = new RevocationList();
      const tokens = new ServiceTokenProvider(h.grpc, {
        name: 'object-store',
        password: SERVICE_PASSWORD,
      });
      const watcher = new RevocationWatcher(h.grpc, tokens, list);
      await watcher.start();
      try {
        // The earlier tests revoked two tokens: both events are replayed on subscribe.
        await waitFor(() => list.size >= 2);
        const verifier = new TokenVerifier({
          keySource: new GrpcKeySource(h.grpc),
          revocations: list,
        });
        const scoped = (
          await h.grpc.authenticate({
            userId: alice,
            password: 'alice-pw',
            scope: { projectId: demo },
          })
        ).token;
        const ctx = await verifier.verify(scoped);
        await h.request('POST', `/v3/users/${alice}/password`, {
          body: { user: { password: 'alice-pw2', original_password: 'alice-pw' } },
        });
        await waitFor(() => list.isRevoked(ctx));
        await rejectsWith(verifier.verify(scoped), 'unauthorized');
        const fresh = (
          await h.grpc.authenticate({
            userId: alice,
            password: 'alice-pw2',
            scope: { projectId: demo },
          })
        ).token;
        const freshCtx = await verifier.verify(fresh);
        const member = await roleId(h, admin, 'member');
        await h.request('DELETE', `/v3/projects/${demo}/users/${alice}/roles/${member}`, {
          token: admin,
        });
        await waitFor(() => list.isRevoked(freshCtx));
      } finally {
        watcher.stop();
      }
    });

    test('WatchRevocations needs an admin or service token', async () => {
      const t = await h.token({ user: 'bob', project: 'demo' });
      const stream = h.grpc.watchRevocations({}, { token: t });
      await assert.rejects(
        (async () => {
          for await (const _ of stream) {
            void _;
          }
        })(),
        (err: unknown) => err instanceof DomainError && err.kind === 'forbidden',
      );
    });
  });
}
