// Tenant isolation through the real openstack CLI: a member of one project can neither
// see nor scope to another, nor grant itself access; group roles reach group members.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openstack,
  openstackFails,
  runOpenstack,
  startCloud,
  type Cloud,
} from '../harness/index.js';
import {
  AUTH_FAILURE,
  createProject,
  createUser,
  DENIED,
  grant,
  passwordEnv,
  type IdRow,
  type OsEnv,
  type TokenRow,
} from './identity.fixtures.js';

let cloud: Cloud;
let alpha: IdRow;
let beta: IdRow;
let alice: IdRow;
let aliceEnv: OsEnv;
before(async () => {
  // identity alone: the catalog still lists every service's URL (up registers them all)
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity' } });
  alpha = await createProject(cloud.env, 'alpha');
  beta = await createProject(cloud.env, 'beta');
  alice = await createUser(cloud.env, 'alice', 'alice-pass-1', 'alpha');
  await grant(cloud.env, 'member', 'alice', 'alpha');
  aliceEnv = passwordEnv(cloud, 'alice', 'alice-pass-1', 'alpha');
});
after(async () => {
  await cloud?.stop();
});

test('a member sees its own project but not another one', async () => {
  assert.equal((await openstack<IdRow>(['project', 'show', alpha.id], aliceEnv)).name, 'alpha');
  assert.match(await openstackFails(['project', 'show', beta.id], aliceEnv), DENIED);
  assert.equal(
    (await openstack<IdRow>(['project', 'show', beta.id], cloud.env)).name,
    'beta',
    'admin sees it',
  );
  // Keystone forbids a plain member to list projects; a narrower list is fine, a leak is not
  const list = await runOpenstack(['project', 'list'], aliceEnv);
  assert.ok(!list.stdout.includes(beta.id), `project list shows beta to alice: ${list.stdout}`);
});

test('a member cannot scope a token to another project', async () => {
  const own = await openstack<TokenRow>(['token', 'issue'], aliceEnv);
  assert.equal(own.project_id, alpha.id);
  const other = await openstackFails(['token', 'issue'], { ...aliceEnv, OS_PROJECT_NAME: 'beta' });
  assert.match(other, AUTH_FAILURE);
  const byId: Record<string, string> = { ...aliceEnv, OS_PROJECT_ID: beta.id };
  delete byId.OS_PROJECT_NAME;
  delete byId.OS_PROJECT_DOMAIN_NAME;
  assert.match(await openstackFails(['token', 'issue'], byId), AUTH_FAILURE);
});

test('a member cannot grant itself a role, create projects or list users', async () => {
  assert.match(
    await openstackFails(
      ['role', 'add', '--project', beta.id, '--user', alice.id, 'member'],
      aliceEnv,
    ),
    DENIED,
  );
  assert.match(
    await openstackFails(
      ['role', 'add', '--project', alpha.id, '--user', alice.id, 'admin'],
      aliceEnv,
    ),
    DENIED,
  );
  await openstackFails(['token', 'issue'], { ...aliceEnv, OS_PROJECT_NAME: 'beta' });
  assert.match(await openstackFails(['project', 'create', 'alices-own'], aliceEnv), DENIED);
  const projects = await openstack<Array<{ Name: string }>>(['project', 'list'], cloud.env);
  assert.ok(!projects.some((p) => p.Name === 'alices-own'));
  const users = await runOpenstack(['user', 'list'], aliceEnv);
  assert.ok(
    !users.ok || !users.stdout.includes('"admin"'),
    `alice lists every user: ${users.stdout}`,
  );
});

test('a role given to a group reaches the group members, and only them', async () => {
  const bob = await createUser(cloud.env, 'bob', 'bob-pass-1');
  await openstack(['group', 'create', '--domain', 'default', 'beta-team'], cloud.env);
  await openstack(
    ['role', 'add', '--project', 'beta', '--group', 'beta-team', 'member'],
    cloud.env,
  );
  const bobEnv = passwordEnv(cloud, 'bob', 'bob-pass-1', 'beta');
  assert.match(
    await openstackFails(['token', 'issue'], bobEnv),
    AUTH_FAILURE,
    'no role on beta yet',
  );

  await openstack(['group', 'add', 'user', 'beta-team', 'bob'], cloud.env);
  const token = await openstack<TokenRow>(['token', 'issue'], bobEnv);
  assert.equal(token.user_id, bob.id);
  assert.equal(token.project_id, beta.id);
  await openstackFails(['token', 'issue'], passwordEnv(cloud, 'bob', 'bob-pass-1', 'alpha'));

  await openstack(['group', 'remove', 'user', 'beta-team', 'bob'], cloud.env);
  assert.match(
    await openstackFails(['token', 'issue'], bobEnv),
    AUTH_FAILURE,
    'removed from the group',
  );
});
