// Authentication through the real openstack CLI: a new user logging in project-scoped,
// changing its own password, token revocation, and application credentials.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openstack, openstackFails, startCloud, type Cloud } from '../harness/index.js';
import {
  appCredentialEnv,
  AUTH_FAILURE,
  createProject,
  createUser,
  grant,
  passwordEnv,
  tokenEnv,
  type IdRow,
  type TokenRow,
} from './identity.fixtures.js';

let cloud: Cloud;
let alpha: IdRow;
before(async () => {
  // identity alone: the catalog still lists every service's URL (up registers them all)
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity' } });
  alpha = await createProject(cloud.env, 'alpha');
});
after(async () => {
  await cloud?.stop();
});

/** A new user with the member role on alpha. */
async function member(name: string, password: string): Promise<IdRow> {
  const user = await createUser(cloud.env, name, password, 'alpha');
  await grant(cloud.env, 'member', name, 'alpha');
  return user;
}

test('a new user authenticates with its password, scoped to its project', async () => {
  const alice = await member('alice', 'alice-pass-1');
  const token = await openstack<TokenRow>(
    ['token', 'issue'],
    passwordEnv(cloud, 'alice', 'alice-pass-1', 'alpha'),
  );
  assert.equal(token.user_id, alice.id);
  assert.equal(token.project_id, alpha.id);
  const wrong = await openstackFails(
    ['token', 'issue'],
    passwordEnv(cloud, 'alice', 'not-her-password', 'alpha'),
  );
  assert.match(wrong, AUTH_FAILURE);
  const nobody = await openstackFails(
    ['token', 'issue'],
    passwordEnv(cloud, 'nobody', 'alice-pass-1', 'alpha'),
  );
  assert.match(nobody, AUTH_FAILURE);
});

test('a user changes its own password: the old one stops working, the new one works', async () => {
  const bruno = await member('bruno', 'bruno-pass-1');
  const old = passwordEnv(cloud, 'bruno', 'bruno-pass-1', 'alpha');
  const changed = passwordEnv(cloud, 'bruno', 'bruno-pass-2', 'alpha');
  await openstackFails(
    [
      'user',
      'password',
      'set',
      '--original-password',
      'wrong-original',
      '--password',
      'bruno-pass-2',
    ],
    old,
  );
  assert.equal(
    (await openstack<TokenRow>(['token', 'issue'], old)).user_id,
    bruno.id,
    'a wrong original changes nothing',
  );

  await openstack(
    [
      'user',
      'password',
      'set',
      '--original-password',
      'bruno-pass-1',
      '--password',
      'bruno-pass-2',
    ],
    old,
  );
  assert.match(await openstackFails(['token', 'issue'], old), AUTH_FAILURE);
  assert.equal((await openstack<TokenRow>(['token', 'issue'], changed)).user_id, bruno.id);
});

test('token revoke: the revoked token no longer authenticates, other tokens still do', async () => {
  await member('carla', 'carla-pass-1');
  const carla = passwordEnv(cloud, 'carla', 'carla-pass-1', 'alpha');
  const revoked = await openstack<TokenRow>(['token', 'issue'], carla);
  const kept = await openstack<TokenRow>(['token', 'issue'], carla);
  const before = await openstack<TokenRow>(
    ['token', 'issue'],
    tokenEnv(cloud, revoked.id, 'alpha'),
  );
  assert.equal(before.user_id, revoked.user_id, 'the token authenticates before it is revoked');
  const direct = await fetch(`${cloud.urls.identity}/projects/${alpha.id}`, {
    headers: { 'X-Auth-Token': revoked.id },
  });
  assert.equal(direct.status, 200, 'and is accepted as X-Auth-Token');

  await openstack(['token', 'revoke', revoked.id], cloud.env);

  const stderr = await openstackFails(['token', 'issue'], tokenEnv(cloud, revoked.id, 'alpha'));
  assert.match(stderr, AUTH_FAILURE);
  await openstackFails(['project', 'show', alpha.id], tokenEnv(cloud, revoked.id, 'alpha'));
  const rejected = await fetch(`${cloud.urls.identity}/projects/${alpha.id}`, {
    headers: { 'X-Auth-Token': revoked.id },
  });
  assert.equal(rejected.status, 401, 'a revoked X-Auth-Token is rejected');
  assert.equal(
    (await openstack<TokenRow>(['token', 'issue'], tokenEnv(cloud, kept.id, 'alpha'))).user_id,
    revoked.user_id,
  );
  assert.ok(await openstack<TokenRow>(['token', 'issue'], carla), 'and the password still works');
});

interface AppCredentialRow extends IdRow {
  readonly secret: string;
  readonly project_id: string;
}

test('application credential: create it, authenticate with it, delete it', async () => {
  const dmitri = await member('dmitri', 'dmitri-pass-1');
  const env = passwordEnv(cloud, 'dmitri', 'dmitri-pass-1', 'alpha');
  const cred = await openstack<AppCredentialRow>(
    ['application', 'credential', 'create', '--description', 'ci', 'e2e-cred'],
    env,
  );
  assert.equal(cred.name, 'e2e-cred');
  assert.equal(cred.project_id, alpha.id);
  assert.ok(cred.secret.length >= 16, 'a generated secret is returned once');
  const listed = await openstack<Array<{ ID: string; Name: string }>>(
    ['application', 'credential', 'list'],
    env,
  );
  assert.ok(listed.some((c) => c.ID === cred.id && c.Name === 'e2e-cred'));

  const token = await openstack<TokenRow>(
    ['token', 'issue'],
    appCredentialEnv(cloud, cred.id, cred.secret),
  );
  assert.equal(token.user_id, dmitri.id);
  assert.equal(token.project_id, alpha.id);
  assert.match(
    await openstackFails(['token', 'issue'], appCredentialEnv(cloud, cred.id, 'not-the-secret')),
    AUTH_FAILURE,
  );

  await openstack(['application', 'credential', 'delete', cred.id], env);
  assert.match(
    await openstackFails(['token', 'issue'], appCredentialEnv(cloud, cred.id, cred.secret)),
    AUTH_FAILURE,
  );
});
