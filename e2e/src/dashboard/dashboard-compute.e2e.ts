// Compute in Chromium against a whole cloud with a real guest, all through the dashboard:
// create a key pair (its private key downloaded once), launch the boot-sector image from
// the launch dialog (checked against the quota as you type), follow the self-refreshing
// table to ACTIVE, read the guest's line in the console log that follows itself, stop the
// instance, and delete it after confirming. Guests boot in 5-30 s under nested
// virtualisation (KVM, or QEMU's TCG without /dev/kvm: COMPUTE_AGENT_VIRT_TYPE, default
// auto), so the waits on the guest are long.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { GUEST_LINE, startCloudWithBootImage } from '../compute/compute.fixtures.js';
import { openstack, type Cloud } from '../harness/index.js';
import {
  assertDashboardBuilt,
  launchBrowser,
  logIn,
  newContext,
  screenshot,
} from './browser.fixtures.js';

const GUEST_TIMEOUT = 240_000;

let cloud: Cloud;
let browser: Browser;
let page: Page;
let project: string;

before(async () => {
  assertDashboardBuilt();
  cloud = await startCloudWithBootImage({
    // the boot sector ignores ACPI: do not wait a minute on a reboot either
    COMPUTE_AGENT_REBOOT_TIMEOUT: '3s',
    COMPUTE_AGENT_HOST_NAME: `e2e-dash-${process.pid}`,
    COMPUTE_QUOTA_INSTANCES: '3',
  });
  browser = await launchBrowser();
  page = await (await newContext(browser, cloud.urls.dashboard)).newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  project = new URL(page.url()).pathname;
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
});

test('no instances yet: the page offers the launch dialog', async () => {
  await page.goto(`${project}/compute/instances`);
  await page.getByText('No instances in this project.').waitFor();
  await page.getByRole('button', { name: 'Launch instance' }).waitFor();
});

test('a key pair is created and its private key downloaded once', async () => {
  await page.goto(`${project}/compute/keypairs`);
  await page.getByText('You have no key pairs.').waitFor();
  await page.getByLabel('New key pair').fill('e2e-key');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Create key pair' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'e2e-key.pem');
  const path = await download.path();
  assert.match(readFileSync(path, 'utf8'), /BEGIN (OPENSSH |RSA )?PRIVATE KEY/);
  await page.getByRole('status').filter({ hasText: 'cannot be downloaded again' }).waitFor();
  await page.getByRole('cell', { name: 'e2e-key', exact: true }).waitFor();
  const shown = await openstack<{ fingerprint: string }>(['keypair', 'show', 'e2e-key'], cloud.env);
  await page.getByRole('cell', { name: shown.fingerprint }).waitFor();
});

test('launch: the dialog checks the quota as you type, then the instance becomes ACTIVE', async () => {
  const nano = await openstack<{ id: string }>(['flavor', 'show', 't1.nano'], cloud.env);
  await page.goto(`${project}/compute/instances`);
  await page.getByRole('button', { name: 'Launch instance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Launch instance' });
  await dialog.getByLabel('Name').fill('e2e-vm');
  await dialog.getByLabel('Image').selectOption({ label: 'e2e-boot' });
  await dialog.getByLabel('Flavor').selectOption(nano.id);
  await dialog.getByLabel('Key pair').selectOption('e2e-key');
  const count = dialog.getByLabel('Count');
  await count.fill('5');
  // the error sits next to the field, tied to it for screen readers
  await dialog.getByText("The project's quota allows 3 more instances.").waitFor();
  assert.equal(await count.getAttribute('aria-invalid'), 'true');
  await count.fill('1');
  await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Launching 1 instance: e2e-vm' }).waitFor();
  assert.equal(await dialog.isVisible(), false, 'the dialog closed');

  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'e2e-vm' }) });
  await row.waitFor();
  // from here on the page refreshes itself: no reload
  await row.getByText('ACTIVE', { exact: true }).waitFor({ timeout: GUEST_TIMEOUT });
  await row.getByRole('cell', { name: 'Running' }).waitFor();
  await row.getByRole('cell', { name: /t1\.nano/ }).waitFor();
  await row.getByRole('cell', { name: 'e2e-boot' }).waitFor();
  await screenshot(page, 'instances');
});

test('the console log follows the guest: its line shows up, on a narrow screen too', async () => {
  await page.getByRole('link', { name: 'e2e-vm' }).click();
  await page.getByRole('heading', { name: 'e2e-vm' }).waitFor();
  const log = page.getByLabel('Console log', { exact: true });
  await log.getByText(GUEST_LINE).waitFor({ timeout: GUEST_TIMEOUT });
  await screenshot(page, 'console-log');
  // on a phone: the actions and the log are there, and the page does not scroll sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Stop e2e-vm' }).waitFor();
  await log.getByText(GUEST_LINE).waitFor();
  const overflow = Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px on a narrow screen`);
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('stop, then delete with confirmation', async () => {
  await page.goto(`${project}/compute/instances`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'e2e-vm' }) });
  await row.getByRole('button', { name: 'Stop e2e-vm' }).click();
  await row.getByText('SHUTOFF', { exact: true }).waitFor({ timeout: GUEST_TIMEOUT });
  assert.equal(await row.getByRole('cell', { name: 'Shutdown' }).count(), 1);
  await row.getByRole('button', { name: 'Start e2e-vm' }).waitFor();

  await row.getByRole('button', { name: 'Delete e2e-vm' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete instance e2e-vm?' });
  await confirm.waitFor();
  // Cancel keeps it
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await row.count(), 1);
  await row.getByRole('button', { name: 'Delete e2e-vm' }).click();
  await confirm.getByRole('button', { name: 'Delete instance' }).click();
  await page.getByText('No instances in this project.').waitFor({ timeout: GUEST_TIMEOUT });
});
