// Object storage and images in the dashboard, in Chromium against a whole cloud: create a
// container, upload a file with the progress bar reaching 100 %, browse pseudo-folders,
// download and compare the bytes, make a temporary URL, delete with confirmation; upload
// an image and see it become active; edit its name, protection and properties, be refused
// deleting it while protected, then delete it; make a container public (an anonymous GET
// reads it) and private again; delete the container once it is empty.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
let ctx: BrowserContext;
let page: Page;
let project: string;
let files: string;

before(async () => {
  assertDashboardBuilt();
  // storage and image panels: no compute, agent or network
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity,object-store,image,dashboard' } });
  browser = await launchBrowser();
  ctx = await newContext(browser, cloud.urls.dashboard);
  page = await ctx.newPage();
  await logIn(page, 'admin', cloud.adminPassword);
  project = new URL(page.url()).pathname;
  files = mkdtempSync(join(tmpdir(), 'dashboard-e2e-'));
});
after(async () => {
  await browser?.close();
  await cloud?.stop();
  rmSync(files, { recursive: true, force: true });
});

test('an empty project says what to do next', async () => {
  await page.goto(`${project}/storage`);
  await page.getByText('No containers yet.').waitFor();
  await page.getByText('Create a container above, then upload files into it.').waitFor();
});

test('create a container; a bad name is explained next to the field', async () => {
  await page.goto(`${project}/storage`);
  await page.getByLabel('New container').fill('a/b');
  await page.getByRole('button', { name: 'Create container' }).click();
  await page.getByText('A container name cannot contain a slash (/).').waitFor();
  assert.equal(await page.getByLabel('New container').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('New container').fill('e2e-photos');
  await page.getByRole('button', { name: 'Create container' }).click();
  await page.getByText('Container e2e-photos created.').waitFor();
  await page.getByRole('link', { name: 'e2e-photos' }).waitFor();
  await screenshot(page, 'storage');
});

test('browse pseudo-folders, download an object and compare its bytes, then delete it', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const file = join(files, 'report.bin');
  writeFileSync(file, data);
  // put there with the openstack CLI (REST), so this test does not depend on uploads
  await openstack(
    ['object', 'create', 'e2e-photos', file, '--name', '2026/q1/report.bin'],
    cloud.env,
  );
  await page.goto(`${project}/storage`);
  await page.getByRole('link', { name: 'e2e-photos' }).click();
  await page.getByRole('link', { name: '2026/' }).click();
  await page.getByRole('link', { name: 'q1/' }).click();
  await page.getByRole('cell', { name: 'report.bin', exact: true }).waitFor();
  await screenshot(page, 'container');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download 2026/q1/report.bin' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'report.bin');
  assert.ok(
    readFileSync(await download.path()).equals(data),
    'the downloaded bytes are the uploaded ones',
  );

  await page.getByRole('button', { name: 'Delete 2026/q1/report.bin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2026/q1/report.bin?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('cell', { name: 'report.bin', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Delete 2026/q1/report.bin' }).click();
  await dialog.getByRole('button', { name: 'Delete object' }).click();
  await page.getByText('This folder is empty.').waitFor();
  const left = await openstack<unknown[]>(['object', 'list', 'e2e-photos'], cloud.env);
  assert.deepEqual(left, []);
});

test('a temporary URL lets anyone download the object until it expires', async () => {
  const data = randomBytes(4096);
  const file = join(files, 'shared.txt');
  writeFileSync(file, data);
  await openstack(['object', 'create', 'e2e-photos', file, '--name', 'shared.txt'], cloud.env);
  await page.goto(`${project}/storage/e2e-photos`);
  await page.getByRole('button', { name: 'Temporary URL for shared.txt' }).click();
  await page.getByRole('button', { name: 'Make link' }).click();
  const url = await page.getByLabel(/^Link/).inputValue();
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(data));
  const forged = await fetch(url.replace(/temp_url_expires=\d+/, 'temp_url_expires=9999999999'));
  assert.equal(forged.status, 401, 'changing the expiry breaks the signature');
});

async function uploadWithProgress(
  label: string,
  file: string,
  submit: string,
  done: string,
): Promise<void> {
  await page.getByLabel(label).setInputFiles(file);
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.getByText(done).waitFor({ timeout: 120_000 });
  assert.equal(await page.getByLabel('Upload progress').getAttribute('value'), '100');
}

test('upload a file into a folder with a progress bar reaching 100 %', async () => {
  const data = randomBytes(8 * 1024 * 1024);
  const file = join(files, 'big.bin');
  writeFileSync(file, data);
  await page.goto(`${project}/storage/e2e-photos`);
  await uploadWithProgress('File to upload', file, 'Upload', 'big.bin uploaded.');
  await page.getByRole('cell', { name: 'big.bin', exact: true }).waitFor();
  const shown = await openstack<{ 'content-length': string }>(
    ['object', 'show', 'e2e-photos', 'big.bin'],
    cloud.env,
  );
  assert.equal(Number(shown['content-length']), data.length);
});

test('upload an image with the progress bar reaching 100 %; it becomes active', async () => {
  // a real (empty) qcow2, so the image service's format check passes
  const file = join(files, 'tiny.qcow2');
  const made = spawnSync('qemu-img', ['create', '-f', 'qcow2', file, '64M'], { encoding: 'utf8' });
  assert.equal(made.status, 0, `qemu-img create failed: ${made.stderr}`);
  await page.goto(`${project}/images`);
  await page.getByLabel('Name', { exact: true }).fill('e2e-tiny');
  await uploadWithProgress(
    'Image file',
    file,
    'Upload image',
    'e2e-tiny uploaded; the image is active.',
  );
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'e2e-tiny' }) });
  await row.getByText('active').waitFor();
  await screenshot(page, 'images');
  const shown = await openstack<{ status: string; disk_format: string }>(
    ['image', 'show', 'e2e-tiny'],
    cloud.env,
  );
  assert.equal(shown.status, 'active');
  assert.equal(shown.disk_format, 'qcow2');
});

test('edit an image: name, protection and properties; a bad property line is explained next to the field', async () => {
  await page.goto(`${project}/images`);
  await page.getByRole('link', { name: 'e2e-tiny' }).click();
  const form = page.getByRole('form', { name: 'Edit the image' });
  await form.getByLabel('Properties').fill('not a property');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Line 1 is not key=value.').waitFor();
  assert.equal(await form.getByLabel('Properties').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Name').fill('e2e-tiny-edited');
  await form.getByRole('checkbox', { name: /Protected/ }).check();
  await form.getByLabel('Properties').fill('os_distro=debian\nos_version=12');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Image e2e-tiny-edited saved.').waitFor();
  await page.getByRole('heading', { name: 'e2e-tiny-edited', level: 1 }).waitFor();
  const shown = await openstack<{
    name: string;
    protected: boolean;
    properties: Record<string, unknown>;
  }>(['image', 'show', 'e2e-tiny-edited'], cloud.env);
  assert.equal(shown.protected, true);
  assert.equal(shown.properties['os_distro'], 'debian');
  assert.equal(shown.properties['os_version'], '12');
});

test('a protected image is not deleted; once unprotected, it is deleted after confirming', async () => {
  const dialog = page.getByRole('dialog', { name: 'Delete image e2e-tiny-edited?' });
  await page.getByRole('button', { name: 'Delete image' }).click();
  await dialog.getByRole('button', { name: 'Delete image' }).click();
  await page.getByText('This image is protected: turn protection off').waitFor();
  assert.equal(
    (await openstack<{ status: string }>(['image', 'show', 'e2e-tiny-edited'], cloud.env)).status,
    'active',
  );
  const form = page.getByRole('form', { name: 'Edit the image' });
  await form.getByRole('checkbox', { name: /Protected/ }).uncheck();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Image e2e-tiny-edited saved.').waitFor();
  await page.getByRole('button', { name: 'Delete image' }).click();
  await dialog.getByRole('button', { name: 'Delete image' }).click();
  await page.waitForURL(`**${project}/images`);
  await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
  const images = await openstack<Array<{ Name: string }>>(['image', 'list'], cloud.env);
  assert.ok(!images.some((i) => i.Name === 'e2e-tiny-edited'), 'the image is gone');
});

test('a public container is read without a token; private again, it is not', async () => {
  const file = join(files, 'public.txt');
  writeFileSync(file, 'hello, anyone\n');
  await openstack(['object', 'create', 'e2e-photos', file, '--name', 'public.txt'], cloud.env);
  const account = `AUTH_${project.split('/').pop() ?? ''}`;
  const url = `${cloud.urls.objectStore}/${account}/e2e-photos/public.txt`;
  assert.equal((await fetch(url)).status, 401, 'private at first');
  await page.goto(`${project}/storage/e2e-photos`);
  await page.getByRole('button', { name: 'Make public' }).click();
  await page.getByText('e2e-photos is public: anyone with its URL may read and list it.').waitFor();
  await page.getByRole('button', { name: 'Make private' }).waitFor();
  const anonymous = await fetch(url);
  assert.equal(anonymous.status, 200);
  assert.equal(await anonymous.text(), 'hello, anyone\n');
  const listing = await fetch(`${cloud.urls.objectStore}/${account}/e2e-photos`);
  assert.equal(listing.status, 200, '.rlistings: anyone may list it too');
  await page.getByRole('button', { name: 'Make private' }).click();
  await page.getByText('e2e-photos is private: only this project reads it.').waitFor();
  assert.equal((await fetch(url)).status, 401);
});

test('a container is deleted only once empty, after confirming', async () => {
  await page.goto(`${project}/storage`);
  const dialog = page.getByRole('dialog', { name: 'Delete container e2e-photos?' });
  await page.getByRole('button', { name: 'Delete container e2e-photos' }).click();
  await dialog.getByRole('button', { name: 'Delete container' }).click();
  await page.getByText('Container e2e-photos is not empty: delete its objects first.').waitFor();
  const left = await openstack<Array<{ Name: string }>>(
    ['object', 'list', 'e2e-photos'],
    cloud.env,
  );
  await openstack(['object', 'delete', 'e2e-photos', ...left.map((o) => o.Name)], cloud.env);
  await page.getByRole('button', { name: 'Delete container e2e-photos' }).click();
  await dialog.getByRole('button', { name: 'Delete container' }).click();
  // the last container gone, the table gives way to the empty state
  await page.getByText('No containers yet.').waitFor();
  assert.deepEqual(await openstack<unknown[]>(['container', 'list'], cloud.env), []);
});
