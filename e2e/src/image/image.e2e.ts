// The image service through the real `openstack` CLI and glanceclient, against a cloud
// from `tinystack up` (identity, object storage and image: the bytes really go through
// the object store): create with --file and --import, list with filters, show, save
// (bytes and checksum identical), properties and tags, visibility and members across
// two projects, deactivate / reactivate, protected delete refused, delete, and the
// format checks refusing a qcow2 with a backing file.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openstack, openstackFails, startCloud, type Cloud } from '../harness/index.js';
import { createProject, createUser, grant, passwordEnv, type OsEnv } from '../identity/identity.fixtures.js';

interface ImageRow {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly checksum: string | null;
  readonly size: number | null;
  readonly visibility: string;
  readonly owner: string;
  readonly protected: boolean;
  readonly tags: string[];
  readonly properties: Record<string, unknown>;
  readonly [k: string]: unknown;
}
interface ListRow {
  readonly ID: string;
  readonly Name: string;
  readonly Status: string;
}

let cloud: Cloud;
let admin: OsEnv;
let other: OsEnv;
let otherProject: string;
const dir = mkdtempSync(join(tmpdir(), 'image-e2e-'));
const rawFile = join(dir, 'disk.raw');
const raw = randomBytes(3 * 1024 * 1024 + 512);
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

before(async () => {
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity,object-store,image' } });
  admin = cloud.env;
  writeFileSync(rawFile, raw);
  const project = await createProject(admin, 'image-e2e-other');
  otherProject = project.id;
  await createUser(admin, 'image-e2e-user', 'Other-Passw0rd', 'image-e2e-other');
  await grant(admin, 'member', 'image-e2e-user', 'image-e2e-other');
  other = passwordEnv(cloud, 'image-e2e-user', 'Other-Passw0rd', 'image-e2e-other');
});
after(async () => {
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const show = (ref: string, env: OsEnv = admin) => openstack<ImageRow>(['image', 'show', ref], env);
const list = (args: string[] = [], env: OsEnv = admin) => openstack<ListRow[]>(['image', 'list', ...args], env);
const names = async (args: string[] = [], env: OsEnv = admin) => (await list(args, env)).map((r) => r.Name).sort();

async function createFromFile(name: string, extra: string[] = [], file = rawFile, env: OsEnv = admin): Promise<ImageRow> {
  return openstack<ImageRow>(['image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', file, ...extra, name], env);
}

async function waitActive(ref: string): Promise<ImageRow> {
  for (let i = 0; i < 50; i++) {
    const img = await show(ref);
    if (img.status === 'active') {
      return img;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${ref} never became active`);
}

/** glanceclient with the admin's (or another) credentials; `stdinFile` feeds the image data. */
function glance(args: string[], opts: { env?: OsEnv; stdinFile?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/glance', args, {
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, PYTHONWARNINGS: 'ignore', ...(opts.env ?? admin) },
      stdio: [opts.stdinFile ? openSync(opts.stdinFile, 'r') : 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`glance ${args.join(' ')}: ${code}\n${out}\n${err}`))));
  });
}

/** A value from glanceclient's `| Property | Value |` table. */
const field = (table: string, name: string) => new RegExp(`\\|\\s*${name}\\s*\\|\\s*(\\S[^|]*?)\\s*\\|`).exec(table)?.[1];

describe('openstack image: create, show, list, save', () => {
  test('create --file uploads the bytes: active with the MD5 checksum and size', async () => {
    const created = await createFromFile('e2e-raw', ['--property', 'os_distro=cirros', '--tag', 'e2e']);
    assert.equal(created.name, 'e2e-raw');
    const img = await show('e2e-raw');
    assert.equal(img.status, 'active');
    assert.equal(img.checksum, md5(raw));
    assert.equal(img.size, raw.length);
    assert.equal(img.properties['os_distro'], 'cirros');
    assert.deepEqual(img.tags, ['e2e']);
    assert.equal(img.properties['os_hash_algo'], 'sha512');
  });

  test('create --import stages then imports with glance-direct', async () => {
    await openstack(['image', 'create', '--import', '--disk-format', 'raw', '--container-format', 'bare', '--file', rawFile, 'e2e-import'], admin);
    const img = await waitActive('e2e-import');
    assert.equal(img.checksum, md5(raw));
  });

  test('save downloads identical bytes', async () => {
    const out = join(dir, 'saved.raw');
    await openstack(['image', 'save', '--file', out, 'e2e-raw'], admin);
    assert.equal(md5(readFileSync(out)), md5(raw));
  });

  test('list filters by name, status, tag, property, visibility, and pages with --limit/--marker', async () => {
    await createFromFile('e2e-private', ['--private']);
    assert.deepEqual(await names(['--name', 'e2e-raw']), ['e2e-raw']);
    assert.ok((await names(['--status', 'active'])).includes('e2e-import'));
    assert.deepEqual(await names(['--tag', 'e2e']), ['e2e-raw']);
    assert.deepEqual(await names(['--property', 'os_distro=cirros']), ['e2e-raw']);
    assert.deepEqual(await names(['--private']), ['e2e-private']);
    const long = await openstack<Array<Record<string, unknown>>>(['image', 'list', '--long', '--name', 'e2e-raw'], admin);
    assert.equal(long[0]?.['Checksum'], md5(raw));
    // The CLI sorts what it prints by name; the server pages newest first.
    const all = (await list()).map((r) => r.ID).sort();
    const first = await list(['--limit', '1']);
    assert.equal(first.length, 1);
    const rest = (await list(['--marker', first[0]?.ID ?? ''])).map((r) => r.ID);
    assert.ok(!rest.includes(first[0]?.ID ?? ''));
    assert.deepEqual([first[0]?.ID, ...rest].sort(), all);
  });

  test('set and unset properties and tags', async () => {
    await openstack(['image', 'set', '--property', 'hw_disk_bus=virtio', '--tag', 'extra', '--min-ram', '128', 'e2e-raw'], admin);
    let img = await show('e2e-raw');
    assert.equal(img.properties['hw_disk_bus'], 'virtio');
    assert.deepEqual([...img.tags].sort(), ['e2e', 'extra']);
    assert.equal(img['min_ram'], 128);
    await openstack(['image', 'unset', '--property', 'hw_disk_bus', '--tag', 'extra', 'e2e-raw'], admin);
    img = await show('e2e-raw');
    assert.equal(img.properties['hw_disk_bus'], undefined);
    assert.deepEqual(img.tags, ['e2e']);
  });
});

describe('sharing across projects', () => {
  test('private images stay private; only admins publicize', async () => {
    await openstackFails(['image', 'show', 'e2e-private'], other);
    assert.ok(!(await names([], other)).includes('e2e-private'));
    const refused = await openstackFails(['image', 'create', '--public', '--disk-format', 'raw', '--container-format', 'bare', 'e2e-nope'], other);
    assert.match(refused, /403|publicize_image/);
    await createFromFile('e2e-public', ['--public']);
    assert.ok((await names([], other)).includes('e2e-public'));
  });

  test('members: add a project, the member accepts, rejects, and is removed', async () => {
    const img = await createFromFile('e2e-shared', ['--shared']);
    await openstackFails(['image', 'show', img.id], other);
    const added = await openstack<string>(['image', 'add', 'project', 'e2e-shared', 'image-e2e-other', '-f', 'json'], admin);
    assert.equal((JSON.parse(added) as Record<string, string>)['status'], 'pending');
    assert.equal((await show(img.id, other)).name, 'e2e-shared', 'a pending member sees the image');
    assert.ok(!(await names([], other)).includes('e2e-shared'), 'but does not list it');
    await openstack(['image', 'set', '--accept', img.id], other);
    assert.ok((await names([], other)).includes('e2e-shared'));
    assert.ok((await names(['--member-status', 'accepted', '--shared'], other)).includes('e2e-shared'));
    const members = await openstack<Array<Record<string, string>>>(['image', 'member', 'list', 'e2e-shared'], admin);
    assert.deepEqual(members.map((m) => [m['Member ID'], m['Status']]), [[otherProject, 'accepted']]);
    await openstack(['image', 'set', '--reject', img.id], other);
    assert.ok(!(await names([], other)).includes('e2e-shared'));
    await openstackFails(['image', 'set', '--name', 'stolen', img.id], other);
    await openstack(['image', 'remove', 'project', 'e2e-shared', 'image-e2e-other'], admin);
    await openstackFails(['image', 'show', img.id], other);
  });

  test('deactivate refuses downloads to non-admins until reactivated', async () => {
    const img = await createFromFile('e2e-deact', ['--shared']);
    await openstack(['image', 'add', 'project', img.id, 'image-e2e-other'], admin);
    await openstack(['image', 'set', '--accept', img.id], other);
    await openstack(['image', 'set', '--deactivate', img.id], admin);
    assert.equal((await show(img.id)).status, 'deactivated');
    await openstackFails(['image', 'save', '--file', join(dir, 'deact.raw'), img.id], other);
    await openstack(['image', 'set', '--activate', img.id], admin);
    await openstack(['image', 'save', '--file', join(dir, 'react.raw'), img.id], other);
    assert.equal(md5(readFileSync(join(dir, 'react.raw'))), md5(raw));
  });
});

describe('delete and format safety', () => {
  test('a protected image refuses deletion; unprotected it is deleted', async () => {
    await createFromFile('e2e-protected', ['--protected']);
    assert.match(await openstackFails(['image', 'delete', 'e2e-protected'], admin), /protected/);
    await openstack(['image', 'set', '--unprotected', 'e2e-protected'], admin);
    await openstack(['image', 'delete', 'e2e-protected'], admin);
    await openstackFails(['image', 'show', 'e2e-protected'], admin);
  });

  test('a qcow2 with a backing file, or bytes of another format, are refused', async () => {
    const base = join(dir, 'base.raw');
    const backed = join(dir, 'backed.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', base, '1M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'raw', backed]);
    const args = (fmt: string, file: string, name: string) => ['image', 'create', '--disk-format', fmt, '--container-format', 'bare', '--file', file, name];
    assert.match(await openstackFails(args('qcow2', backed, 'e2e-backed'), admin), /backing file/);
    assert.match(await openstackFails(args('raw', backed, 'e2e-disguised'), admin), /detected as qcow2/);
    assert.match(await openstackFails(args('qcow2', rawFile, 'e2e-notqcow'), admin), /detected as raw/);
    const qcow = join(dir, 'ok.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', qcow, '16M']);
    await openstack(args('qcow2', qcow, 'e2e-qcow2'), admin);
    assert.equal((await show('e2e-qcow2'))['virtual_size'], 16 * 1024 * 1024);
  });
});

describe('glanceclient', () => {
  test('image-create, image-download, update, tags, members, (de)activate, delete', async () => {
    const created = await glance(['image-create', '--name', 'g-file', '--disk-format', 'raw', '--container-format', 'bare', '--file', rawFile]);
    const id = field(created, 'id') ?? '';
    assert.equal(field(created, 'status'), 'active');
    assert.equal(field(created, 'checksum'), md5(raw));
    const out = join(dir, 'g.raw');
    await glance(['image-download', '--file', out, id]);
    assert.equal(md5(readFileSync(out)), md5(raw));
    assert.equal(field(await glance(['image-update', '--property', 'color=blue', id]), 'color'), 'blue');
    await glance(['image-tag-update', id, 'gtag']);
    assert.match(field(await glance(['image-show', id]), 'tags') ?? '', /gtag/);
    await glance(['image-tag-delete', id, 'gtag']);
    assert.match(await glance(['member-create', id, otherProject]), /pending/);
    assert.match(await glance(['member-list', '--image-id', id]), new RegExp(otherProject));
    await glance(['member-update', id, otherProject, 'accepted'], { env: other });
    await glance(['image-deactivate', id]);
    await glance(['image-reactivate', id]);
    await glance(['image-delete', id]);
    await assert.rejects(glance(['image-show', id]), /404|No image/);
  });

  test('image-create-via-import with the data on stdin', async () => {
    const created = await glance(['image-create-via-import', '--name', 'g-import', '--disk-format', 'raw', '--container-format', 'bare'], { stdinFile: rawFile });
    assert.equal(field(created, 'status'), 'active');
    assert.equal(field(created, 'checksum'), md5(raw));
    assert.ok((await glance(['import-info'])).replace(/[\s|]/g, '').includes('glance-direct'));
  });
});
