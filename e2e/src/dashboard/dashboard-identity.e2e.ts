// The dashboard's identity panels, in Chromium against a whole cloud. The admin creates a
// project and a user, gives the user the member role on that project (plus groups, roles,
// edit and delete with confirmation); the user then logs in, sees only that project and no
// admin panels, and a member's direct POST of an admin action is refused. The user manages
// an application credential (its secret shown once) and changes their own password.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { openstack, startCloud, type Cloud } from '../harness/index.js';
import {
  assertDashboardBuilt,
  launchBrowser,
  logIn,
  newContext,
  projectIdOf,
  screenshot,
  sessionCookie,
} from './browser.fixtures.js';

let cloud: Cloud;
let browser: Browser;
let base: string;
/** The admin's "create project" POST (a server action), replayed later with a member's cookie. */
let createProjectPost: { headers: Record<string, string>; body: Buffer } | undefined;
/** The admin's session cookie (the admin does not log out), to show the replay itself works. */
let adminCookie = '';

const USER = 'erin';
const FIRST_PASSWORD = 'erin-First-pass1';
const NEW_PASSWORD = 'erin-Second-pass2';
const RESET_PASSWORD = 'erin-Third-pass3';

before(async () => {
  assertDashboardBuilt();
  // the identity panels need identity alone
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity,dashboard' } });
  base = cloud.urls.dashboard;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
});

async function adminPage(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: link }).waitFor();
}

async function confirmDelete(page: Page, rowButton: string, dialogName: string, verb: string) {
  await page.getByRole('button', { name: rowButton, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByRole('button', { name: verb }).click();
}

async function projectNames(): Promise<string[]> {
  const rows = await openstack<Array<{ Name: string }>>(['project', 'list'], cloud.env);
  return rows.map((r) => r.Name);
}

/** Password (or application credential) authentication at identity's REST API: the status. */
async function authStatus(identity: unknown): Promise<number> {
  const res = await fetch(`${cloud.urls.identity}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity } }),
  });
  return res.status;
}
const passwordOf = (password: string) => ({
  methods: ['password'],
  password: { user: { name: USER, domain: { name: 'Default' }, password } },
});

test('the admin creates a project and a user and gives the user member on it', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);

  // projects: create two, delete one after confirming (its create POST is kept for later)
  await adminPage(page, 'Projects');
  const create = page.getByRole('form', { name: 'Create a project' });
  await create.getByLabel('Name').fill('e2e-gamma');
  await create.getByLabel('Description').fill('made by the e2e test');
  await create.getByRole('button', { name: 'Create project' }).click();
  await create.getByText('Project e2e-gamma created.').waitFor();
  const taken = page.waitForRequest(
    (r: Request) => r.method() === 'POST' && !!r.headers()['next-action'],
  );
  await create.getByLabel('Name').fill('e2e-doomed');
  await create.getByRole('button', { name: 'Create project' }).click();
  const post = await taken;
  createProjectPost = {
    headers: await post.allHeaders(),
    body: post.postDataBuffer() ?? Buffer.alloc(0),
  };
  await create.getByText('Project e2e-doomed created.').waitFor();
  // the same name again is refused next to the name
  await create.getByLabel('Name').fill('e2e-gamma');
  await create.getByRole('button', { name: 'Create project' }).click();
  await create.locator('#pj-name-error').waitFor();
  const table = page.getByRole('table', { name: 'All projects' });
  await table.getByRole('link', { name: 'e2e-doomed' }).waitFor();
  await confirmDelete(page, 'Delete e2e-doomed', 'Delete project e2e-doomed?', 'Delete project');
  await page.getByText('Project deleted.').waitFor();
  await table.getByRole('link', { name: 'e2e-doomed' }).waitFor({ state: 'detached' });
  assert.deepEqual(
    (await projectNames()).filter((n) => n.startsWith('e2e-')),
    ['e2e-gamma'],
  );
  await screenshot(page, 'admin-projects');

  // users: create erin with a default project, disable and enable her
  await adminPage(page, 'Users');
  const newUser = page.getByRole('form', { name: 'Create a user' });
  await newUser.getByLabel('Name').fill(USER);
  await newUser.getByLabel('Email').fill('erin@example.org');
  await newUser.getByLabel('Password', { exact: true }).fill(FIRST_PASSWORD);
  await newUser.getByLabel('Password again').fill('not the same');
  await newUser.getByRole('button', { name: 'Create user' }).click();
  await newUser.getByText('The two passwords are not the same.').waitFor();
  await newUser.getByLabel('Password', { exact: true }).fill(FIRST_PASSWORD);
  await newUser.getByLabel('Password again').fill(FIRST_PASSWORD);
  await newUser.getByLabel('Default project').selectOption({ label: 'e2e-gamma' });
  await newUser.getByRole('button', { name: 'Create user' }).click();
  await newUser.getByText(`User ${USER} created.`, { exact: false }).waitFor();
  const users = page.getByRole('table', { name: 'All users' });
  const erinRow = users.getByRole('row').filter({ hasText: 'erin@example.org' });
  await erinRow.getByRole('button', { name: `Disable ${USER}` }).click();
  await erinRow.getByText('disabled').waitFor();
  assert.notEqual(
    await authStatus(passwordOf(FIRST_PASSWORD)),
    201,
    'a disabled user cannot log in',
  );
  await erinRow.getByRole('button', { name: `Enable ${USER}` }).click();
  await erinRow.getByText('enabled').waitFor();
  await screenshot(page, 'admin-users');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'admin-users-narrow');
  await page.setViewportSize({ width: 1280, height: 860 });

  // groups: create one, add and remove erin, delete it after confirming
  await adminPage(page, 'Groups');
  await page.getByText('There are no groups yet.').waitFor();
  const newGroup = page.getByRole('form', { name: 'Create a group' });
  await newGroup.getByLabel('Name').fill('e2e-ops');
  await newGroup.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('link', { name: 'e2e-ops' }).click();
  await page.getByRole('heading', { name: 'Group e2e-ops' }).waitFor();
  await page.getByText('Nobody is in this group yet.').waitFor();
  const addMember = page.getByRole('form', { name: 'Add a user to the group' });
  await addMember.getByLabel('User').selectOption({ label: USER });
  await addMember.getByRole('button', { name: 'Add to group' }).click();
  await page.getByRole('button', { name: `Remove ${USER} from the group` }).waitFor();
  await screenshot(page, 'admin-group');
  await page.getByRole('button', { name: `Remove ${USER} from the group` }).click();
  await page.getByText('Nobody is in this group yet.').waitFor();
  await page.getByRole('link', { name: 'Groups' }).first().click();
  await confirmDelete(page, 'Delete e2e-ops', 'Delete group e2e-ops?', 'Delete group');
  await page.getByText('There are no groups yet.').waitFor();

  // roles: create one and delete it
  await adminPage(page, 'Roles');
  const newRole = page.getByRole('form', { name: 'Create a role' });
  await newRole.getByLabel('Name').fill('e2e-auditor');
  await newRole.getByRole('button', { name: 'Create role' }).click();
  await page.getByRole('cell', { name: 'e2e-auditor', exact: true }).waitFor();
  await screenshot(page, 'admin-roles');
  await confirmDelete(page, 'Delete e2e-auditor', 'Delete role e2e-auditor?', 'Delete role');
  await page.getByRole('cell', { name: 'e2e-auditor', exact: true }).waitFor({ state: 'detached' });

  // the project's page: edit its description, give erin member there
  await adminPage(page, 'Projects');
  await page.getByRole('link', { name: 'e2e-gamma' }).click();
  await page.getByRole('heading', { name: 'Project e2e-gamma' }).waitFor();
  const edit = page.getByRole('form', { name: 'Edit project e2e-gamma' });
  await edit.getByLabel('Description').fill('the e2e project');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.getByText('Project saved.').waitFor();
  await page.getByText('Nobody has a role here yet.').waitFor();
  const grant = page.getByRole('form', { name: 'Give a role' });
  await grant.getByLabel('User or group').selectOption({ label: USER });
  assert.equal(
    await grant.getByLabel('Role').locator('option:checked').textContent(),
    'member',
    'member is preselected',
  );
  await grant.getByRole('button', { name: 'Give role' }).click();
  await page
    .getByRole('table', { name: 'Role assignments' })
    .getByRole('cell', { name: USER, exact: true })
    .waitFor();
  await screenshot(page, 'admin-project');
  const gamma = await openstack<{ description: string }>(
    ['project', 'show', 'e2e-gamma'],
    cloud.env,
  );
  assert.equal(gamma.description, 'the e2e project');

  // everyone's assignments
  await adminPage(page, 'Role assignments');
  await page
    .getByRole('row')
    .filter({ hasText: USER })
    .filter({ hasText: 'project e2e-gamma' })
    .waitFor();
  await screenshot(page, 'admin-assignments');
  const cookie = await sessionCookie(ctx);
  adminCookie = cookie ? `${cookie.name}=${cookie.value}` : '';
  await ctx.close();
});

test('the user sees only that project and no admin panels; their admin POST is refused', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, USER, FIRST_PASSWORD);
  const gammaId = projectIdOf(page.url());
  const header = page.getByRole('banner');
  await header.getByText('e2e-gamma').waitFor();
  assert.equal(await header.getByRole('combobox', { name: 'Project' }).count(), 0);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const admin of ['Users', 'Groups', 'Roles', 'Role assignments', 'Flavors']) {
    assert.equal(await nav.getByRole('link', { name: admin }).count(), 0, `no ${admin} link`);
  }
  await page.goto(`/projects/${gammaId}/admin/users`);
  await page.waitForURL(new RegExp(`/projects/${gammaId}$`));

  // replay the admin's "create project e2e-doomed" server action with the member's cookie
  assert.ok(createProjectPost, 'the admin test captured a create-project POST');
  const cookie = await sessionCookie(ctx);
  assert.ok(cookie);
  const headers = Object.fromEntries(
    Object.entries(createProjectPost.headers).filter(([k]) => !k.startsWith(':') && k !== 'cookie'),
  );
  const replay = async (as: string) => {
    const res = await fetch(`${base}/projects/${gammaId}/admin/projects`, {
      method: 'POST',
      headers: { ...headers, cookie: as },
      body: createProjectPost?.body ?? Buffer.alloc(0),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res.status;
  };
  const status = await replay(`${cookie.name}=${cookie.value}`);
  assert.ok(
    !(await projectNames()).includes('e2e-doomed'),
    `a member's POST created nothing (HTTP ${status})`,
  );
  // the same POST with the admin's cookie does create it: the refusal was the member's role
  await replay(adminCookie);
  assert.ok((await projectNames()).includes('e2e-doomed'), 'the replayed POST works for the admin');
  await openstack(['project', 'delete', 'e2e-doomed'], cloud.env);
  await ctx.close();
});

test('the user creates an application credential, sees its secret once, and deletes it', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, USER, FIRST_PASSWORD);
  await page.getByRole('link', { name: 'Application credentials' }).click();
  await page.getByText('You have no application credentials.').waitFor();
  const form = page.getByRole('form', { name: 'Create an application credential' });
  await form.getByLabel('Name').fill('e2e-ci');
  await form.getByLabel('Description').fill('for the CI job');
  await form.getByRole('button', { name: 'Create credential' }).click();
  const secretBox = form.getByLabel('Secret');
  await secretBox.waitFor();
  const secret = await secretBox.inputValue();
  assert.ok(secret.length >= 16, 'a generated secret is shown');
  await form.getByText('it is shown only this once').waitFor();
  const row = page.getByRole('row').filter({ hasText: 'e2e-ci' });
  const id = (await row.locator('td.mono').textContent())?.trim() ?? '';
  const credential = {
    methods: ['application_credential'],
    application_credential: { id, secret },
  };
  assert.equal(await authStatus(credential), 201, 'the secret logs in');
  await screenshot(page, 'account-credentials');

  await page.reload();
  await row.waitFor();
  assert.equal(await page.getByLabel('Secret').count(), 0, 'the secret is not shown again');
  assert.equal(await page.getByText(secret).count(), 0);
  await confirmDelete(
    page,
    'Delete e2e-ci',
    'Delete application credential e2e-ci?',
    'Delete application credential',
  );
  await page.getByText('You have no application credentials.').waitFor();
  assert.equal(await authStatus(credential), 401, 'a deleted credential no longer logs in');
  await ctx.close();
});

test('the user changes their password and logs in with the new one', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, USER, FIRST_PASSWORD);
  await page.getByRole('link', { name: 'Password' }).click();
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('New password again').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('That is not your current password.').waitFor();
  await screenshot(page, 'account-password');
  await form.getByLabel('Current password').fill(FIRST_PASSWORD);
  await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('New password again').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(/\/login\?reason=password-changed/);
  await page.getByText('Log in with the new password.', { exact: false }).waitFor();
  assert.equal(await sessionCookie(ctx), undefined, 'the old session is gone');
  assert.equal(await authStatus(passwordOf(FIRST_PASSWORD)), 401, 'the old password is refused');
  assert.equal(await authStatus(passwordOf(NEW_PASSWORD)), 201);
  await logIn(page, USER, NEW_PASSWORD);
  await page.getByRole('banner').getByText('e2e-gamma').waitFor();
  await ctx.close();
});

test("the admin resets the user's password, and gives and takes a role on the domain", async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);

  // the user's page: a reset needs the password twice; once set, the old one is refused
  await adminPage(page, 'Users');
  await page.getByRole('table', { name: 'All users' }).getByRole('link', { name: USER }).click();
  await page.getByRole('heading', { name: `User ${USER}` }).waitFor();
  const reset = page.getByRole('form', { name: `Reset the password of ${USER}` });
  await reset.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD);
  await reset.getByLabel('New password again').fill('not the same');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await reset.getByText('The two passwords are not the same.').waitFor();
  assert.equal(await authStatus(passwordOf(NEW_PASSWORD)), 201, 'nothing changed yet');
  await reset.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD);
  await reset.getByLabel('New password again').fill(RESET_PASSWORD);
  await reset.getByRole('button', { name: 'Set password' }).click();
  await reset.getByText('Password set.', { exact: false }).waitFor();
  await screenshot(page, 'admin-user');
  assert.equal(await authStatus(passwordOf(NEW_PASSWORD)), 401, 'the old password is refused');
  assert.equal(await authStatus(passwordOf(RESET_PASSWORD)), 201);

  // a role on the Default domain: given from the form, seen by the CLI, then revoked
  await adminPage(page, 'Role assignments');
  const grant = page.getByRole('form', { name: 'Give a role' });
  await grant.getByLabel('User or group').selectOption({ label: USER });
  await grant.getByLabel('Role').selectOption({ label: 'reader' });
  await grant.getByLabel('On').selectOption({ label: 'domain Default' });
  await grant.getByRole('button', { name: 'Give role' }).click();
  await grant.getByText('Role given on the domain.').waitFor();
  const onDomain = page
    .getByRole('row')
    .filter({ hasText: USER })
    .filter({ hasText: 'domain Default' });
  await onDomain.waitFor();
  const domainRoles = () =>
    openstack<Array<{ Role: string }>>(
      ['role', 'assignment', 'list', '--user', USER, '--domain', 'default', '--names'],
      cloud.env,
    );
  assert.deepEqual(
    (await domainRoles()).map((r) => r.Role),
    ['reader'],
  );
  await confirmDelete(
    page,
    `Revoke reader of ${USER} on domain Default`,
    `Revoke role reader of ${USER} on domain Default?`,
    'Revoke role',
  );
  await onDomain.waitFor({ state: 'detached' });
  assert.deepEqual(await domainRoles(), []);
  await ctx.close();
});
