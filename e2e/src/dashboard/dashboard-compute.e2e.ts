// The instances table in Chromium against a whole cloud with a real guest: a server
// launched with the openstack CLI (compute's gRPC contract has no CreateServer for the
// dashboard yet) shows up, the table refreshes itself while the server builds until it is
// ACTIVE and Running, then follows a stop to SHUTOFF and a delete.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bootSectorImage } from '../compute/compute.fixtures.js';
import { openstack, startCloud, type Cloud } from '../harness/index.js';
import {
  assertDashboardBuilt,
  launchBrowser,
  logIn,
  newContext,
  screenshot,
} from './browser.fixtures.js';

let cloud: Cloud;
let browser: Browser;
let page: Page;
let project: string;

before(async () => {
  assertDashboardBuilt();
  cloud = await startCloud();
  browser = await launchBrowser();
  page = await (await newContext(browser, cloud.urls.dashboard)).newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  project = new URL(page.url()).pathname;
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
});

test('no instances: the page says how to launch one', async () => {
  await page.goto(`${project}/compute/instances`);
  await page.getByText('No instances in this project.').waitFor();
});

test('a new server appears; the list refreshes itself until it is ACTIVE, then shows a stop and a delete', async () => {
  const raw = await bootSectorImage();
  await openstack(
    [
      'image',
      'create',
      '--disk-format',
      'raw',
      '--container-format',
      'bare',
      '--file',
      raw,
      'e2e-boot',
    ],
    cloud.env,
  );
  await page.goto(`${project}/compute/instances`);
  await page.getByText('No instances in this project.').waitFor();
  const server = await openstack<{ id: string }>(
    ['server', 'create', '--image', 'e2e-boot', '--flavor', 't1.nano', 'e2e-vm'],
    cloud.env,
  );
  await page.reload();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'e2e-vm' }) });
  await row.waitFor();
  // from here on the page refreshes itself: no reload
  await row.getByText('ACTIVE', { exact: true }).waitFor({ timeout: 240_000 });
  await row.getByRole('cell', { name: 'Running' }).waitFor();
  await row.getByRole('cell', { name: /t1\.nano/ }).waitFor();
  await row.getByRole('cell', { name: 'e2e-boot' }).waitFor();
  await screenshot(page, 'instances');

  await openstack(['server', 'stop', server.id], cloud.env);
  // the list stopped refreshing once everything settled: look again once, then it follows
  await page.reload();
  await row.getByText('SHUTOFF', { exact: true }).waitFor({ timeout: 120_000 });
  assert.equal(await row.getByRole('cell', { name: 'Shutdown' }).count(), 1);

  await openstack(['server', 'delete', '--wait', server.id], cloud.env);
  await page.reload();
  await page.getByText('No instances in this project.').waitFor();
});
