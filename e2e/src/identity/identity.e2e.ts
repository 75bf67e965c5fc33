// Identity through the real openstack CLI against a whole cloud from `tinystack up`:
// tokens, the catalog, and create/list/show/delete of projects, users, groups and roles,
// role assignments and group membership. Authentication as other users, revocation and
// application credentials: identity-auth.e2e.ts; tenant isolation: identity-isolation.e2e.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openstack, openstackFails, startCloud, type Cloud } from '../harness/index.js';
import {
  column,
  createProject,
  createUser,
  grant,
  type IdRow,
  type TokenRow,
} from './identity.fixtures.js';

let cloud: Cloud;
before(async () => {
  // identity alone: the catalog still lists every service's URL (up registers them all)
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity' } });
});
after(async () => {
  await cloud?.stop();
});

interface CatalogRow {
  readonly Name: string;
  readonly Type: string;
  readonly Endpoints: ReadonlyArray<{
    url: string;
    interface: string;
    region: string;
    region_id: string;
    id: string;
  }>;
}

test('token issue: a token of the admin user, scoped to the admin project, valid for a while', async () => {
  const token = await openstack<TokenRow>(['token', 'issue'], cloud.env);
  const admin = await openstack<IdRow>(['user', 'show', 'admin'], cloud.env);
  const project = await openstack<IdRow>(['project', 'show', 'admin'], cloud.env);
  assert.ok(token.id.length >= 16, `token id ${token.id}`);
  assert.equal(token.user_id, admin.id);
  assert.equal(token.project_id, project.id);
  assert.ok(Date.parse(token.expires) > Date.now() + 10 * 60_000, `expires ${token.expires}`);
  const again = await openstack<TokenRow>(['token', 'issue'], cloud.env);
  assert.notEqual(again.id, token.id, 'each login issues a new token');
});

test('catalog list: identity, image, object-store and compute, at the ports up was given', async () => {
  const catalog = await openstack<CatalogRow[]>(['catalog', 'list'], cloud.env);
  const types = catalog.map((s) => s.Type);
  for (const type of ['identity', 'image', 'object-store', 'compute']) {
    assert.ok(types.includes(type), `${type} in ${JSON.stringify(types)}`);
  }
  const project = await openstack<IdRow>(['project', 'show', 'admin'], cloud.env);
  const publicUrl = (type: string) => {
    const eps = catalog.find((s) => s.Type === type)?.Endpoints ?? [];
    const ep = eps.find((e) => e.interface === 'public');
    assert.ok(ep, `a public ${type} endpoint in ${JSON.stringify(eps)}`);
    assert.equal(ep.region_id ?? ep.region, 'RegionOne');
    return ep.url.replace(/\/+$/, '');
  };
  const at = (variable: keyof Cloud['ports']) => `http://127.0.0.1:${cloud.ports[variable]}`;
  assert.ok(publicUrl('identity').startsWith(at('IDENTITY_HTTP_PORT')), publicUrl('identity'));
  assert.equal(publicUrl('image'), at('IMAGE_HTTP_PORT'));
  assert.equal(publicUrl('compute'), `${at('COMPUTE_HTTP_PORT')}/v2.1`);
  assert.equal(publicUrl('object-store'), `${at('OBJECT_STORE_HTTP_PORT')}/v1/AUTH_${project.id}`);
});

test('project create, list, show and delete', async () => {
  const created = await createProject(cloud.env, 'e2e-project');
  assert.equal(created.name, 'e2e-project');
  assert.equal(created.description, 'e2e e2e-project');
  assert.equal(created.domain_id, 'default');
  assert.equal(created.enabled, true);
  const listed = await openstack<Array<{ ID: string; Name: string }>>(
    ['project', 'list'],
    cloud.env,
  );
  assert.ok(
    listed.some((p) => p.ID === created.id && p.Name === 'e2e-project'),
    JSON.stringify(listed),
  );
  const shown = await openstack<IdRow>(['project', 'show', 'e2e-project'], cloud.env);
  assert.equal(shown.id, created.id);
  assert.equal(
    (await openstack<IdRow>(['project', 'show', created.id], cloud.env)).name,
    'e2e-project',
  );
  await openstack(['project', 'delete', 'e2e-project'], cloud.env);
  await openstackFails(['project', 'show', created.id], cloud.env);
  const after = await openstack<Array<{ ID: string }>>(['project', 'list'], cloud.env);
  assert.ok(!after.some((p) => p.ID === created.id));
});

test('user create, list, show and delete', async () => {
  const created = await createUser(cloud.env, 'e2e-user', 'e2e-user-pass');
  assert.equal(created.name, 'e2e-user');
  assert.equal(created.domain_id, 'default');
  assert.equal(created.enabled, true);
  assert.equal(created.password, undefined, 'the password is never shown');
  const listed = await openstack<Array<{ ID: string; Name: string }>>(['user', 'list'], cloud.env);
  assert.ok(listed.some((u) => u.ID === created.id && u.Name === 'e2e-user'));
  assert.ok(listed.some((u) => u.Name === 'admin'));
  assert.equal((await openstack<IdRow>(['user', 'show', 'e2e-user'], cloud.env)).id, created.id);
  await openstack(['user', 'delete', created.id], cloud.env);
  await openstackFails(['user', 'show', created.id], cloud.env);
  const after = await openstack<Array<{ ID: string }>>(['user', 'list'], cloud.env);
  assert.ok(!after.some((u) => u.ID === created.id));
});

test('group create, list, show and delete', async () => {
  const created = await openstack<IdRow>(
    ['group', 'create', '--domain', 'default', '--description', 'e2e team', 'e2e-group'],
    cloud.env,
  );
  assert.equal(created.name, 'e2e-group');
  assert.equal(created.description, 'e2e team');
  const listed = await openstack<Array<{ ID: string; Name: string }>>(['group', 'list'], cloud.env);
  assert.ok(listed.some((g) => g.ID === created.id && g.Name === 'e2e-group'));
  assert.equal((await openstack<IdRow>(['group', 'show', 'e2e-group'], cloud.env)).id, created.id);
  await openstack(['group', 'delete', 'e2e-group'], cloud.env);
  await openstackFails(['group', 'show', created.id], cloud.env);
  const after = await openstack<Array<{ ID: string }>>(['group', 'list'], cloud.env);
  assert.ok(!after.some((g) => g.ID === created.id));
});

test('role create, list, show and delete', async () => {
  const created = await openstack<IdRow>(['role', 'create', 'e2e-role'], cloud.env);
  assert.equal(created.name, 'e2e-role');
  const names = column(
    await openstack<Array<Record<string, unknown>>>(['role', 'list'], cloud.env),
    'Name',
  );
  for (const name of ['e2e-role', 'admin', 'member', 'reader']) {
    assert.ok(names.includes(name), `${name} in ${JSON.stringify(names)}`);
  }
  assert.equal((await openstack<IdRow>(['role', 'show', 'e2e-role'], cloud.env)).id, created.id);
  await openstack(['role', 'delete', 'e2e-role'], cloud.env);
  await openstackFails(['role', 'show', created.id], cloud.env);
  const after = column(
    await openstack<Array<Record<string, unknown>>>(['role', 'list'], cloud.env),
    'ID',
  );
  assert.ok(!after.includes(created.id));
});

interface AssignmentRow {
  readonly Role: string;
  readonly User: string;
  readonly Group: string;
  readonly Project: string;
}

test('role add, and role assignment list --names with and without --user/--project filters', async () => {
  const dev = await createProject(cloud.env, 'ra-dev');
  await createProject(cloud.env, 'ra-ops');
  const dora = await createUser(cloud.env, 'ra-dora', 'dora-pass-1');
  await openstack(['role', 'create', 'ra-auditor'], cloud.env);
  await grant(cloud.env, 'ra-auditor', 'ra-dora', 'ra-dev');
  await grant(cloud.env, 'member', 'ra-dora', 'ra-ops');
  const list = (...args: string[]) =>
    openstack<AssignmentRow[]>(['role', 'assignment', 'list', ...args], cloud.env);
  const has = (rows: AssignmentRow[], role: string, user: string, project: string) =>
    rows.some((r) => r.Role === role && r.User === user && r.Project === project);

  const all = await list('--names');
  assert.ok(has(all, 'ra-auditor', 'ra-dora@Default', 'ra-dev@Default'), JSON.stringify(all));
  assert.ok(has(all, 'member', 'ra-dora@Default', 'ra-ops@Default'));
  assert.ok(has(all, 'admin', 'admin@Default', 'admin@Default'));

  const byUser = await list('--names', '--user', 'ra-dora');
  assert.ok(
    byUser.length === 2 && byUser.every((r) => r.User === 'ra-dora@Default'),
    JSON.stringify(byUser),
  );
  const byProject = await list('--names', '--project', 'ra-dev');
  assert.ok(
    byProject.length >= 1 && byProject.every((r) => r.Project === 'ra-dev@Default'),
    JSON.stringify(byProject),
  );
  assert.ok(has(byProject, 'ra-auditor', 'ra-dora@Default', 'ra-dev@Default'));
  const both = await list('--names', '--user', 'ra-dora', '--project', 'ra-dev');
  assert.deepEqual(
    both.map((r) => [r.Role, r.User, r.Project]),
    [['ra-auditor', 'ra-dora@Default', 'ra-dev@Default']],
  );

  const ids = await list('--user', 'ra-dora', '--project', 'ra-dev');
  assert.deepEqual(
    ids.map((r) => [r.User, r.Project]),
    [[dora.id, dev.id]],
    'without --names: IDs',
  );

  await openstack(
    ['role', 'remove', '--project', 'ra-dev', '--user', 'ra-dora', 'ra-auditor'],
    cloud.env,
  );
  assert.deepEqual(await list('--names', '--user', 'ra-dora', '--project', 'ra-dev'), []);
});

test('group add user: the user becomes a member of the group', async () => {
  await openstack(['group', 'create', '--domain', 'default', 'gm-team'], cloud.env);
  const gina = await createUser(cloud.env, 'gm-gina', 'gina-pass-1');
  await createUser(cloud.env, 'gm-otto', 'otto-pass-1');
  assert.equal(
    await openstack(['group', 'contains', 'user', 'gm-team', 'gm-gina'], cloud.env),
    null,
    'not yet',
  );
  await openstack(['group', 'add', 'user', 'gm-team', 'gm-gina'], cloud.env);
  assert.equal(
    await openstack(['group', 'contains', 'user', 'gm-team', 'gm-gina'], cloud.env),
    'gm-gina in group gm-team',
  );
  assert.equal(
    await openstack(['group', 'contains', 'user', 'gm-team', 'gm-otto'], cloud.env),
    null,
  );
  const members = await openstack<Array<{ ID: string; Name: string }>>(
    ['user', 'list', '--group', 'gm-team'],
    cloud.env,
  );
  assert.deepEqual(
    members.map((m) => [m.ID, m.Name]),
    [[gina.id, 'gm-gina']],
  );
});
