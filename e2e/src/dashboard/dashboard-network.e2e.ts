// Networking in Chromium against a whole cloud (network service included), all through the
// dashboard: before any launch the project has no network and the page says what to do;
// an instance launched with the default "automatic" network gives the project its
// get-me-a-network network, listed with its subnet; a floating IP is allocated, associated
// with the instance's port (it shows on the instance), disassociated and released after
// confirming; the launch dialog's "none" and named-network choices reach compute. Each
// step is checked against the openstack CLI too, so the page cannot merely say so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startCloudWithBootImage, waitForStatus } from '../compute/compute.fixtures.js';
import { openstack, type Cloud } from '../harness/index.js';
import {
  assertDashboardBuilt,
  launchBrowser,
  logIn,
  newContext,
  screenshot,
} from './browser.fixtures.js';

const GUEST_TIMEOUT = 240_000;
const VM = 'e2e-net-vm';

let cloud: Cloud;
let browser: Browser;
let page: Page;
let project: string;
let nanoId: string;
/** The floating IP allocated through the page. */
let address = '';

interface ServerShow {
  id: string;
  addresses: Record<string, string[]> | string;
}

before(async () => {
  assertDashboardBuilt();
  cloud = await startCloudWithBootImage({
    TINYSTACK_SERVICES: 'identity,object-store,image,network,compute,compute-agent,dashboard',
    COMPUTE_AGENT_HOST_NAME: `e2e-dash-net-${process.pid}`,
  });
  nanoId = (await openstack<{ id: string }>(['flavor', 'show', 't1.nano'], cloud.env)).id;
  browser = await launchBrowser();
  page = await (await newContext(browser, cloud.urls.dashboard)).newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  project = new URL(page.url()).pathname;
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
});

/** Launches one instance from the dialog with the given network choice (an option's label). */
async function launch(name: string, network?: string): Promise<void> {
  await page.goto(`${project}/compute/instances`);
  await page.getByRole('button', { name: 'Launch instance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Launch instance' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Image').selectOption({ label: 'e2e-boot' });
  await dialog.getByLabel('Flavor').selectOption(nanoId);
  const choice = dialog.getByLabel('Network');
  assert.equal(await choice.inputValue(), 'auto', 'automatic (get-me-a-network) is the default');
  if (network) {
    await choice.selectOption({ label: network });
  }
  await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Launching 1 instance: ${name}` })
    .waitFor();
}

test('before any launch the project has no network, and the page says what to do next', async () => {
  await page.goto(`${project}/network/networks`);
  await page.getByText('This project has no network yet.').waitFor();
  await page.getByRole('link', { name: 'Launch an instance' }).waitFor();
  const external = page.getByRole('table', { name: 'Shared and external networks' });
  const pub = external.getByRole('row').filter({ hasText: 'public' });
  await pub.waitFor();
  assert.deepEqual(
    (await pub.getByRole('cell').allInnerTexts()).slice(2, 4),
    ['no', 'yes'],
    'public: not shared, external',
  );
});

test('an automatic launch gives the project its network, listed with its subnet', async () => {
  await launch(VM);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: VM }) });
  await row.getByText('ACTIVE', { exact: true }).waitFor({ timeout: GUEST_TIMEOUT });
  await row.getByText(/auto_allocated_network: 10\.0\.0\.\d+/).waitFor();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Networks' })
    .click();
  const table = page.getByRole('table', { name: 'Project networks' });
  const net = table.getByRole('row').filter({ hasText: 'auto_allocated_network' });
  await net.getByText('10.0.0.0/24').waitFor();
  await net.getByText('ACTIVE', { exact: true }).waitFor();
  assert.equal(await page.getByText('This project has no network yet.').count(), 0);
  await screenshot(page, 'networks');
});

test('a floating IP is allocated, associated with the instance, disassociated and released', async () => {
  await page.goto(`${project}/network/floating-ips`);
  await page.getByText('This project has no floating IPs.').waitFor();
  await page.getByRole('button', { name: 'Allocate floating IP' }).click();
  const done = page.getByRole('status').filter({ hasText: /Floating IP [\d.]+ allocated/ });
  await done.waitFor();
  address =
    /Floating IP ([\d.]+) allocated/.exec(await done.innerText())?.[1] ?? assert.fail('no address');
  const listed = await openstack<Array<{ 'Floating IP Address': string; Port: string | null }>>(
    ['floating', 'ip', 'list'],
    cloud.env,
  );
  assert.deepEqual(
    listed.map((f) => [f['Floating IP Address'], f.Port]),
    [[address, null]],
  );
  const row = page
    .getByRole('table', { name: 'Floating IPs' })
    .getByRole('row')
    .filter({ hasText: address });
  await row.getByText('not associated').waitFor();

  // associate: the instance's port, named by the instance
  const form = page.getByRole('form', { name: 'Associate a floating IP' });
  await form.getByLabel('Floating IP').selectOption({ label: address });
  const target = form.getByLabel('Instance');
  const port = await target.locator('option', { hasText: VM }).getAttribute('value');
  assert.ok(port, `an option for ${VM}`);
  await target.selectOption(port);
  await form.getByRole('button', { name: 'Associate' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${address} now forwards to 10.0.0.` })
    .waitFor();
  await row.getByRole('link', { name: VM }).waitFor();
  await row.getByText('ACTIVE', { exact: true }).waitFor();
  const shown = await openstack<{ port_id: string | null }>(
    ['floating', 'ip', 'show', address],
    cloud.env,
  );
  assert.equal(shown.port_id, port, 'the network service forwards it to that port');

  // on a phone the table and its actions stay reachable, with no sideways scrolling
  await page.setViewportSize({ width: 390, height: 844 });
  await row.getByRole('button', { name: `Disassociate ${address}` }).waitFor();
  const overflow = Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px on a narrow screen`);
  await page.setViewportSize({ width: 1280, height: 860 });
  await screenshot(page, 'floating-ips');

  // the instance shows its floating address
  await page.goto(`${project}/compute/instances`);
  const vm = page.getByRole('row').filter({ has: page.getByRole('link', { name: VM }) });
  await vm.getByText(`${address} (floating)`).waitFor();

  await page.goto(`${project}/network/floating-ips`);
  await row.getByRole('button', { name: `Disassociate ${address}` }).click();
  await row.getByText('not associated').waitFor();
  assert.equal(
    (await openstack<{ port_id: string | null }>(['floating', 'ip', 'show', address], cloud.env))
      .port_id,
    null,
  );

  await row.getByRole('button', { name: `Release ${address}` }).click();
  const confirm = page.getByRole('dialog', { name: `Release floating IP ${address}?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await row.count(), 1, 'Cancel keeps it');
  await row.getByRole('button', { name: `Release ${address}` }).click();
  await confirm.getByRole('button', { name: 'Release floating IP' }).click();
  await page.getByText('This project has no floating IPs.').waitFor();
  assert.deepEqual(await openstack(['floating', 'ip', 'list'], cloud.env), []);
});

test("the launch dialog's network choice reaches compute: none, or a named network", async () => {
  await launch('e2e-no-net', 'None (no network interface)');
  await launch('e2e-on-net', 'auto_allocated_network');
  const none = await openstack<ServerShow>(['server', 'show', 'e2e-no-net'], cloud.env);
  const on = await waitForStatus(
    cloud.env,
    (await openstack<ServerShow>(['server', 'show', 'e2e-on-net'], cloud.env)).id,
    'ACTIVE',
  );
  const noneAddrs = none.addresses;
  assert.ok(
    typeof noneAddrs === 'string' ? noneAddrs === '' : Object.keys(noneAddrs).length === 0,
    `no addresses: ${JSON.stringify(noneAddrs)}`,
  );
  assert.match(JSON.stringify(on.addresses), /auto_allocated_network.*10\.0\.0\.\d+/);
});
