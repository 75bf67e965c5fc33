import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import type { GuestEvent, GuestSpec } from '../driver/guest.types.js';
import { ensureBootSectorImage, FileImageSource, type TestImage } from '../test-images/index.js';
import { LibvirtDriver } from './driver.js';

/**
 * The libvirt driver against libvirt's own test driver (test:///default): real libvirt
 * calls, real qemu-img and genisoimage, no QEMU processes.
 */
const IMAGE_ID = '5b0c3a57-7a4e-4c1b-8f1e-3d6f0c2b9a01';
const tmp = tempDir('hypervisor-test-driver-');
let image: TestImage;
let source: FileImageSource;
let driver: LibvirtDriver;

before(async () => {
  image = await ensureBootSectorImage();
  source = new FileImageSource({ [IMAGE_ID]: image });
  driver = new LibvirtDriver({
    uri: 'test:///default',
    stateDir: tmp.path,
    virtType: 'auto',
    imageSource: source,
  });
  await driver.init();
});

after(async () => {
  await driver.close();
  tmp.cleanup();
});

function spec(over: Partial<GuestSpec> = {}): GuestSpec {
  const id = randomUUID();
  return {
    id,
    name: 'test-guest',
    vcpus: 1,
    memoryMiB: 64,
    rootDiskGiB: 1,
    image: { id: IMAGE_ID },
    configDrive: {
      uuid: id,
      name: 'test-guest',
      metadata: { a: 'b' },
      publicKeys: {},
      userData: Buffer.from('hello'),
    },
    ...over,
  };
}

test('capabilities report the test domain type; resources are the node totals', async () => {
  const caps = await driver.capabilities();
  assert.equal(caps.domainType, 'test');
  assert.ok(caps.libvirtVersion >= 9_000_000);
  const res = await driver.hostResources();
  assert.ok(res.vcpus > 0 && res.memoryMiB > 0 && res.localDiskGiB > 0);
});

test('spawn defines and starts a guest with its disk and config drive; destroy removes everything', async () => {
  const s = spec({ name: `evil</name><devices/>"&` });
  const info = await driver.spawn(s);
  assert.equal(info.id, s.id);
  assert.equal(info.name, s.name);
  assert.equal(info.powerState, 'running');
  assert.equal(info.vcpus, 1);
  const dir = `${tmp.path}/instances/${s.id}`;
  assert.ok(existsSync(`${dir}/disk`));
  const iso = readFileSync(`${dir}/disk.config`);
  assert.equal(iso.subarray(32808, 32816).toString(), 'config-2');
  assert.ok((await driver.listGuests()).some((g) => g.id === s.id));
  assert.equal(source.opened.filter((i) => i === IMAGE_ID).length, 1, 'fetched once');

  await driver.destroy(s.id, { keepDisks: false });
  assert.ok(!existsSync(dir));
  assert.ok(!(await driver.listGuests()).some((g) => g.id === s.id));
  await assert.rejects(driver.getInfo(s.id), { kind: 'not_found' });
  await driver.destroy(s.id, { keepDisks: false });
});

test('the base image is cached: a second guest does not fetch it again', async () => {
  const a = spec();
  const b = spec();
  await Promise.all([driver.spawn(a), driver.spawn(b)]);
  assert.equal(source.opened.filter((i) => i === IMAGE_ID).length, 1);
  await driver.destroy(a.id, { keepDisks: false });
  await driver.destroy(b.id, { keepDisks: false });
});

test('power operations move through the states and are idempotent', async () => {
  const s = spec();
  await driver.spawn(s);
  const state = async () => (await driver.getInfo(s.id)).powerState;
  await driver.pause(s.id);
  assert.equal(await state(), 'paused');
  await driver.pause(s.id);
  await driver.unpause(s.id);
  assert.equal(await state(), 'running');
  await driver.suspend(s.id);
  assert.equal(await state(), 'suspended');
  await assert.rejects(driver.pause(s.id), { kind: 'conflict' });
  await driver.resume(s.id);
  assert.equal(await state(), 'running');
  await driver.stop(s.id, { timeoutMs: 0 });
  assert.equal(await state(), 'shutdown');
  await driver.stop(s.id, { timeoutMs: 0 });
  await driver.reboot(s.id, { hard: true, timeoutMs: 0 });
  assert.equal(await state(), 'running');
  await driver.reboot(s.id, { hard: false, timeoutMs: 300 });
  assert.equal(await state(), 'running');
  await driver.start(s.id);
  await driver.destroy(s.id, { keepDisks: false });
  await assert.rejects(driver.start(s.id), { kind: 'not_found' });
});

test('lifecycle events reach watchers with the power state', async () => {
  const s = spec();
  const events: GuestEvent[] = [];
  const stop = driver.watch((e) => e.id === s.id && events.push(e));
  await driver.spawn(s);
  await driver.pause(s.id);
  for (let i = 0; i < 50 && !events.some((e) => e.powerState === 'paused'); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  stop();
  await driver.destroy(s.id, { keepDisks: false });
  assert.ok(
    events.some((e) => e.event.startsWith('started')),
    JSON.stringify(events),
  );
  assert.ok(
    events.some((e) => e.powerState === 'paused'),
    JSON.stringify(events),
  );
});

test('a failing spawn leaves nothing behind', async () => {
  const bad = spec({
    image: { id: IMAGE_ID, checksums: [{ algorithm: 'sha256', value: '0'.repeat(64) }] },
  });
  const other = new LibvirtDriver({
    uri: 'test:///default',
    stateDir: `${tmp.path}/other`,
    virtType: 'auto',
    imageSource: new FileImageSource({ [IMAGE_ID]: image }),
  });
  await assert.rejects(other.spawn(bad), { kind: 'bad_request', message: /sha256 verification/ });
  assert.ok(!existsSync(`${tmp.path}/other/instances/${bad.id}`));
  assert.ok(!existsSync(`${tmp.path}/other/base/${IMAGE_ID}`));
  await assert.rejects(other.getInfo(bad.id), { kind: 'not_found' });

  const aborted = spec();
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(driver.spawn(aborted, ac.signal));
  assert.ok(!existsSync(`${tmp.path}/instances/${aborted.id}`));
  await assert.rejects(driver.getInfo(aborted.id), { kind: 'not_found' });
  await other.close();
});

test('invalid specs and duplicate ids are refused before anything is created', async () => {
  await assert.rejects(driver.spawn(spec({ id: '../../etc' })), { kind: 'bad_request' });
  await assert.rejects(driver.spawn(spec({ vcpus: 0 })), { kind: 'bad_request' });
  await assert.rejects(driver.spawn(spec({ image: { id: 'not-a-uuid' } })), {
    kind: 'bad_request',
  });
  const s = spec();
  await driver.spawn(s);
  await assert.rejects(driver.spawn(s), { kind: 'conflict' });
  await driver.destroy(s.id, { keepDisks: false });
  assert.equal(driver.consoleLogPath(s.id), `${tmp.path}/instances/${s.id}/console.log`);
  assert.throws(() => driver.consoleLogPath('../x'), { kind: 'bad_request' });
});

test('destroy with keepDisks keeps the instance files', async () => {
  const s = spec();
  await driver.spawn(s);
  await driver.destroy(s.id, { keepDisks: true });
  assert.ok(existsSync(`${tmp.path}/instances/${s.id}/disk`));
  await driver.destroy(s.id, { keepDisks: false });
  assert.ok(!existsSync(`${tmp.path}/instances/${s.id}`));
});

test('two drivers on one libvirt (two agents on one host) each list only their own guests', async () => {
  const second = new LibvirtDriver({
    uri: 'test:///default',
    stateDir: `${tmp.path}/second-agent`,
    virtType: 'auto',
    imageSource: new FileImageSource({ [IMAGE_ID]: image }),
  });
  const mine = spec();
  const theirs = spec();
  await driver.spawn(mine);
  await second.spawn(theirs);
  const ids = async (d: LibvirtDriver) => (await d.listGuests()).map((g) => g.id);
  assert.ok((await ids(driver)).includes(mine.id));
  assert.ok(!(await ids(driver)).includes(theirs.id));
  assert.deepEqual(await ids(second), [theirs.id]);
  await second.destroy(theirs.id, { keepDisks: false });
  await driver.destroy(mine.id, { keepDisks: false });
  await second.close();
});
