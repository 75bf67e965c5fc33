// Medium test: the administration RPCs the dashboard uses (users, password change, projects,
// domains, groups, roles and grants, application credentials) over real gRPC, with the REST
// policy: admin manages, members get PERMISSION_DENIED, no token is UNAUTHENTICATED.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { testDialects } from '@tinystack/testing';
import {
  createProject,
  createUser,
  roleId,
  startHarness,
  type Harness,
} from '../testing/identity-harness.js';

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof DomainError && err.kind === kind);
}

for (const dialect of testDialects()) {
  describe(`gRPC administration (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    let demo: string;
    let member: string;
    let memberId: string;
    /** Group removal and role revocation revoke mia's tokens: each test logs in afresh. */
    const loginMember = async () => {
      member = await h.token({ user: 'mia', project: 'demo' });
    };

    before(async () => {
      h = await startHarness(dialect);
      admin = await h.token();
      demo = await createProject(h, admin, 'demo');
      memberId = await createUser(h, admin, 'mia', { project: demo, role: 'member' });
    });
    beforeEach(loginMember);
    after(() => h.close());

    test('users: admin creates, lists, updates and deletes; a member may not', async () => {
      const { user } = await h.grpc.createUser(
        { name: 'carl', password: 'carl-pw', email: 'carl@example.org', description: 'd' },
        { token: admin },
      );
      assert.equal(user?.name, 'carl');
      assert.equal(user?.enabled, true, 'unset enabled means enabled');
      assert.equal(user?.email, 'carl@example.org');
      const listed = await h.grpc.listUsers({ name: 'carl' }, { token: admin });
      assert.deepEqual(
        listed.users.map((u) => u.id),
        [user?.id],
      );
      const updated = await h.grpc.updateUser(
        { id: user?.id ?? '', enabled: false, description: 'changed' },
        { token: admin },
      );
      assert.equal(updated.user?.enabled, false);
      assert.equal(updated.user?.email, 'carl@example.org', 'unset fields are kept');
      await rejectsWith(h.grpc.createUser({ name: 'carl' }, { token: admin }), 'conflict');
      await rejectsWith(h.grpc.createUser({ name: '' }, { token: admin }), 'bad_request');
      await rejectsWith(h.grpc.createUser({ name: 'eve' }, { token: member }), 'forbidden');
      await rejectsWith(h.grpc.listUsers({ name: '' }, { token: member }), 'forbidden');
      await rejectsWith(h.grpc.createUser({ name: 'eve' }), 'unauthorized');
      await rejectsWith(h.grpc.deleteUser({ id: user?.id ?? '' }, { token: member }), 'forbidden');
      await h.grpc.deleteUser({ id: user?.id ?? '' }, { token: admin });
      await rejectsWith(h.grpc.getUser({ id: user?.id ?? '' }, { token: admin }), 'not_found');
    });

    test('ChangePassword: only your own, with the right original password', async () => {
      const dora = await createUser(h, admin, 'dora', { project: demo, role: 'member' });
      const fred = await createUser(h, admin, 'fred', { project: demo, role: 'member' });
      const doraToken = await h.token({ user: 'dora', project: 'demo' });
      const change = (userId: string, original: string, token: string) =>
        h.grpc.changePassword(
          { userId, originalPassword: original, password: 'new-Secret-9' },
          { token },
        );
      await rejectsWith(change(dora, 'wrong', doraToken), 'unauthorized');
      await rejectsWith(change(fred, 'fred-pw', doraToken), 'forbidden');
      await rejectsWith(change(dora, 'dora-pw', admin), 'forbidden');
      await rejectsWith(
        h.grpc.changePassword({ userId: dora, originalPassword: 'dora-pw', password: '' }),
        'unauthorized',
      );
      await rejectsWith(
        h.grpc.changePassword(
          { userId: dora, originalPassword: 'dora-pw', password: '' },
          { token: doraToken },
        ),
        'bad_request',
      );
      await change(dora, 'dora-pw', doraToken);
      const auth = (password: string) =>
        h.grpc.authenticate({ userId: dora, password, scope: { projectId: demo } });
      assert.equal((await auth('new-Secret-9')).info?.userId, dora);
      await rejectsWith(auth('dora-pw'), 'unauthorized');
      const old = await h.request('GET', '/v3/auth/tokens', {
        token: admin,
        headers: { 'X-Subject-Token': doraToken },
      });
      assert.equal(old.status, 404, 'the change revoked the old token');
      await rejectsWith(change(fred, 'fred-pw', doraToken), 'unauthorized');
    });

    test('projects and domains: admin manages; a member may not', async () => {
      const { project } = await h.grpc.createProject(
        { name: 'p-grpc', domainId: 'default', description: 'from gRPC' },
        { token: admin },
      );
      assert.equal(project?.enabled, true);
      assert.equal(project?.description, 'from gRPC');
      const listed = await h.grpc.listProjects({ name: 'p-grpc' }, { token: admin });
      assert.deepEqual(
        listed.projects.map((p) => p.id),
        [project?.id],
      );
      const updated = await h.grpc.updateProject(
        { id: project?.id ?? '', enabled: false },
        { token: admin },
      );
      assert.equal(updated.project?.enabled, false);
      assert.equal(updated.project?.name, 'p-grpc');
      await rejectsWith(h.grpc.listProjects({ name: '' }, { token: member }), 'forbidden');
      await rejectsWith(h.grpc.createProject({ name: 'x' }, { token: member }), 'forbidden');
      await h.grpc.deleteProject({ id: project?.id ?? '' }, { token: admin });
      await rejectsWith(
        h.grpc.getProject({ id: project?.id ?? '' }, { token: admin }),
        'not_found',
      );
      const domains = await h.grpc.listDomains({}, { token: admin });
      assert.ok(domains.domains.some((d) => d.id === 'default' && d.enabled));
      await rejectsWith(h.grpc.listDomains({}, { token: member }), 'forbidden');
    });

    test('groups and members: admin manages; a member may not', async () => {
      const { group } = await h.grpc.createGroup({ name: 'ops' }, { token: admin });
      const groupId = group?.id ?? '';
      await h.grpc.addUserToGroup({ groupId, userId: memberId }, { token: admin });
      const members = await h.grpc.listGroupUsers({ groupId }, { token: admin });
      assert.deepEqual(
        members.users.map((u) => u.name),
        ['mia'],
      );
      assert.ok(
        (await h.grpc.listGroups({}, { token: admin })).groups.some((g) => g.id === groupId),
      );
      await rejectsWith(
        h.grpc.addUserToGroup({ groupId, userId: memberId }, { token: member }),
        'forbidden',
      );
      await rejectsWith(h.grpc.listGroups({}, { token: member }), 'forbidden');
      await h.grpc.removeUserFromGroup({ groupId, userId: memberId }, { token: admin });
      assert.equal((await h.grpc.listGroupUsers({ groupId }, { token: admin })).users.length, 0);
      await h.grpc.deleteGroup({ id: groupId }, { token: admin });
      await rejectsWith(h.grpc.listGroupUsers({ groupId }, { token: admin }), 'not_found');
    });

    test('roles and grants, and role assignments with names', async () => {
      const { role } = await h.grpc.createRole({ name: 'auditor' }, { token: admin });
      const roleIdOf = role?.id ?? '';
      assert.ok(
        (await h.grpc.listRoles({}, { token: admin })).roles.some((r) => r.name === 'auditor'),
      );
      const grant = { roleId: roleIdOf, userId: memberId, projectId: demo };
      await rejectsWith(h.grpc.grantRole({ grant }, { token: member }), 'forbidden');
      await h.grpc.grantRole({ grant }, { token: admin });
      const listed = await h.grpc.listRoleAssignments(
        { userId: memberId, projectId: demo, includeNames: true },
        { token: admin },
      );
      const a = listed.assignments.find((x) => x.roleId === roleIdOf);
      assert.equal(a?.roleName, 'auditor');
      assert.equal(a?.userName, 'mia');
      assert.equal(a?.projectName, 'demo');
      const plain = await h.grpc.listRoleAssignments(
        { userId: memberId, projectId: demo },
        { token: admin },
      );
      assert.equal(plain.assignments.find((x) => x.roleId === roleIdOf)?.userName, '');
      await rejectsWith(
        h.grpc.grantRole({ grant: { roleId: roleIdOf, userId: memberId } }, { token: admin }),
        'bad_request',
      );
      await h.grpc.revokeRole({ grant }, { token: admin });
      await rejectsWith(h.grpc.revokeRole({ grant }, { token: admin }), 'not_found');
      // Revoking the grant revoked mia's tokens on demo, as on REST.
      await rejectsWith(h.grpc.listRoles({}, { token: member }), 'unauthorized');
      await loginMember();
      await rejectsWith(h.grpc.deleteRole({ id: roleIdOf }, { token: member }), 'forbidden');
      await h.grpc.deleteRole({ id: roleIdOf }, { token: admin });
      assert.ok(await roleId(h, admin, 'member'));
    });

    test('application credentials: your own, from a project-scoped token', async () => {
      const created = await h.grpc.createApplicationCredential(
        { name: 'ci', description: 'pipeline' },
        { token: member },
      );
      assert.ok(created.secret.length > 0);
      assert.equal(created.credential?.projectId, demo);
      assert.deepEqual(created.credential?.roles.map((r) => r.name).sort(), ['member', 'reader']);
      assert.equal(created.credential?.expiresAt, 0);
      const issued = await h.request('POST', '/v3/auth/tokens', {
        body: {
          auth: {
            identity: {
              methods: ['application_credential'],
              application_credential: { id: created.credential?.id, secret: created.secret },
            },
          },
        },
      });
      assert.equal(issued.status, 201, 'the secret works');
      const mine = await h.grpc.listApplicationCredentials({}, { token: member });
      assert.deepEqual(
        mine.credentials.map((c) => c.name),
        ['ci'],
      );
      const byAdmin = await h.grpc.listApplicationCredentials(
        { userId: memberId },
        { token: admin },
      );
      assert.equal(byAdmin.credentials.length, 1);
      await rejectsWith(
        h.grpc.createApplicationCredential({ userId: memberId, name: 'x' }, { token: admin }),
        'forbidden',
      );
      await rejectsWith(
        h.grpc.createApplicationCredential(
          { name: 'old', expiresAt: Date.now() - 1000 },
          { token: member },
        ),
        'bad_request',
      );
      await h.grpc.deleteApplicationCredential(
        { id: created.credential?.id ?? '' },
        { token: member },
      );
      assert.equal(
        (await h.grpc.listApplicationCredentials({}, { token: member })).credentials.length,
        0,
      );
    });
  });
}
