// The dashboard's login, session and project rules, in Chromium against a whole cloud:
// the token lives in an httpOnly SameSite cookie, logging out revokes it, a revoked token
// sends the user back to the login page with a message, cross-site requests are refused,
// and a user sees only the projects they have a role on.
//
// Projects, users and role grants are made with the openstack CLI here, to set the scene
// quickly; dashboard-identity.e2e.ts makes them through the dashboard's admin panels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
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

before(async () => {
  assertDashboardBuilt();
  // log-in, session and CSRF need identity alone
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity,dashboard' } });
  base = cloud.urls.dashboard;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
});

test('the dashboard reports healthy, with the services it reaches', async () => {
  const res = await fetch(`${base}/healthz`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { status: string; services: Record<string, string> };
  assert.equal(body.status, 'ok');
  assert.equal(body.services.identity, 'ok');
});

test('a wrong password is refused in plain words, and sets no cookie', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await page.goto('/');
  assert.match(page.url(), /\/login$/);
  await screenshot(page, 'login');
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByRole('alert')
    .getByText('The domain, user name or password is not right.')
    .waitFor();
  assert.equal(await sessionCookie(ctx), undefined);
  await ctx.close();
});

test('the admin logs in: httpOnly SameSite cookie, admin panels, log out revokes the token', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  const cookie = await sessionCookie(ctx);
  assert.ok(cookie, 'a session cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.doesNotMatch(
    String(await page.evaluate('document.cookie')),
    /tinystack-session/,
    'scripts cannot read it',
  );
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Role assignments' })
    .waitFor();
  await page.getByRole('heading', { name: 'Members' }).waitFor();
  await screenshot(page, 'overview');

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login\?reason=logged-out/);
  await page.getByText('You have logged out.').waitFor();
  assert.equal(await sessionCookie(ctx), undefined, 'the cookie is gone');
  // the token itself was revoked: putting it back does not log anyone in
  await ctx.addCookies([cookie]);
  await page.goto('/');
  await page.waitForURL(/\/login\?reason=(revoked|ended)/);
  await page.getByText(/Log in again/).waitFor();
  await ctx.close();
});

test('a token revoked elsewhere sends the user back to the login page with a message', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  const cookie = await sessionCookie(ctx);
  assert.ok(cookie);
  await openstack(['token', 'revoke', cookie.value], cloud.env);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Images' })
    .click();
  await page.waitForURL(/\/login\?reason=revoked/);
  await page
    .getByText('Your session was ended: its token was revoked. Log in again to continue.')
    .waitFor();
  await ctx.close();
});

test('requests from another site are refused', async () => {
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  const cookie = await sessionCookie(ctx);
  assert.ok(cookie);
  const res = await fetch(`${base}/api/storage/upload?container=c&name=o`, {
    method: 'POST',
    headers: {
      cookie: `${cookie.name}=${cookie.value}`,
      origin: 'https://evil.example',
      'content-type': 'text/plain',
    },
    body: 'x',
  });
  assert.equal(res.status, 403);
  const noOrigin = await fetch(`${base}/api/storage/upload?container=c&name=o`, {
    method: 'POST',
    headers: { cookie: `${cookie.name}=${cookie.value}`, 'content-type': 'text/plain' },
    body: 'x',
  });
  assert.equal(noOrigin.status, 403, 'a POST without Origin is refused too');
  await ctx.close();
});

test('a member sees only their project; with roles on two, the switcher moves between them', async () => {
  await openstack(['project', 'create', '--domain', 'default', 'e2e-alpha'], cloud.env);
  await openstack(['project', 'create', '--domain', 'default', 'e2e-beta'], cloud.env);
  await openstack(
    ['user', 'create', '--domain', 'default', '--password', 'dana-pass-1', 'dana'],
    cloud.env,
  );
  await openstack(['role', 'add', '--project', 'e2e-alpha', '--user', 'dana', 'member'], cloud.env);

  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();
  await logIn(page, 'dana', 'dana-pass-1');
  const alphaId = projectIdOf(page.url());
  const header = page.getByRole('banner');
  await header.getByText('e2e-alpha').waitFor();
  assert.equal(
    await header.getByRole('combobox', { name: 'Project' }).count(),
    0,
    'no switcher with one project',
  );
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(
    await nav.getByRole('link', { name: 'Role assignments' }).count(),
    0,
    'no admin panels',
  );
  assert.equal(await page.getByRole('heading', { name: 'Members' }).count(), 0);
  // another project's pages say so instead of showing anything
  const admin = await openstack<{ id: string }>(['project', 'show', 'admin'], cloud.env);
  await page.goto(`/projects/${admin.id}`);
  await page.getByText('You have no role on this project.').waitFor();
  // and the admin panels send a member back
  await page.goto(`/projects/${alphaId}/admin/assignments`);
  await page.waitForURL(new RegExp(`/projects/${alphaId}$`));
  await page.getByRole('button', { name: 'Log out' }).click();

  await openstack(['role', 'add', '--project', 'e2e-beta', '--user', 'dana', 'reader'], cloud.env);
  await logIn(page, 'dana', 'dana-pass-1');
  const switcher = header.getByRole('combobox', { name: 'Project' });
  await switcher.waitFor();
  const options = await switcher.locator('option').allTextContents();
  assert.deepEqual(options, ['e2e-alpha', 'e2e-beta']);
  const beta = await openstack<{ id: string }>(['project', 'show', 'e2e-beta'], cloud.env);
  await switcher.selectOption({ label: 'e2e-beta' });
  await page.waitForURL(new RegExp(`/projects/${beta.id}$`));
  assert.equal(await header.getByRole('combobox', { name: 'Project' }).inputValue(), beta.id);
  await ctx.close();
});
