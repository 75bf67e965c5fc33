import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@tinystack/testing';
import type { GuestSpec } from '../driver/guest.types.js';
import {
  BOOT_SECTOR_LINE,
  ensureBootSectorImage,
  ensureBootSectorQcow2Image,
  ensureLibvirtd,
  FileImageSource,
  hasKvm,
} from '../test-images/index.js';
import { LibvirtDriver } from './driver.js';

/**
 * Real guests on qemu:///system: the 512-byte boot-sector guest, which prints one line on
 * its serial port and halts. The power operations run under TCG (a boot takes ~0.3 s); one
 * boot runs under KVM when /dev/kvm exists (a firmware boot takes 5-20 s on the nested-KVM
 * machines here, over 90 s when the CPUs are busy, too slow and uneven for five boots). The
 * guest ignores ACPI, so graceful stop and soft reboot take their fall-back path here (the
 * Linux guest test covers the graceful one).
 */
const RAW = '7a0e4c55-1d2b-4f3a-9c8e-000000000001';
const QCOW2 = '7a0e4c55-1d2b-4f3a-9c8e-000000000002';
const BOOT_MS = 60_000;
const KVM_BOOT_MS = 240_000;
const tmp = tempDir('guests-boot-sector-');
let driver: LibvirtDriver;
let kvm: LibvirtDriver | undefined;

before(async () => {
  await ensureLibvirtd();
  const source = new FileImageSource({
    [RAW]: await ensureBootSectorImage(),
    [QCOW2]: await ensureBootSectorQcow2Image(),
  });
  driver = new LibvirtDriver({
    uri: 'qemu:///system',
    stateDir: tmp.path,
    virtType: 'qemu',
    imageSource: source,
  });
  await driver.init();
  if (hasKvm()) {
    kvm = new LibvirtDriver({
      uri: 'qemu:///system',
      stateDir: `${tmp.path}/kvm`,
      virtType: 'kvm',
      imageSource: source,
    });
    await kvm.init();
  }
});

after(async () => {
  for (const d of [driver, kvm]) {
    for (const g of (await d?.listGuests()) ?? []) {
      await d?.destroy(g.id, { keepDisks: false });
    }
    await d?.close();
  }
  tmp.cleanup();
});

function spec(imageId: string): GuestSpec {
  const id = randomUUID();
  return {
    id,
    name: 'boot-sector',
    vcpus: 1,
    memoryMiB: 32,
    rootDiskGiB: 1,
    image: { id: imageId },
    configDrive: { uuid: id, name: 'boot-sector', metadata: {}, publicKeys: {} },
  };
}

const count = (text: string) => text.split(BOOT_SECTOR_LINE).length - 1;

/** Waits until the console shows the boot line `n` times; returns how long it took. */
async function booted(id: string, n: number, d = driver, limitMs = BOOT_MS): Promise<number> {
  const t0 = Date.now();
  while (count(await d.readConsole(id)) < n) {
    if (Date.now() - t0 > limitMs) {
      assert.fail(
        `boot ${n} of ${id} not seen in ${limitMs} ms: ${JSON.stringify(await d.readConsole(id))}`,
      );
    }
    await sleep(100);
  }
  return Date.now() - t0;
}

test('the boot-sector guest boots, prints its line, and survives every power operation', async (t) => {
  assert.equal((await driver.capabilities()).domainType, 'qemu');
  const s = spec(RAW);
  const t0 = Date.now();
  await driver.spawn(s);
  const spawnMs = Date.now() - t0;
  const bootMs = await booted(s.id, 1);
  t.diagnostic(`qemu (TCG): spawn ${spawnMs} ms, first console line ${bootMs} ms later`);
  const state = async () => (await driver.getInfo(s.id)).powerState;

  await driver.pause(s.id);
  assert.equal(await state(), 'paused');
  await driver.unpause(s.id);
  assert.equal(await state(), 'running');

  await driver.suspend(s.id);
  assert.equal(await state(), 'suspended');
  await driver.resume(s.id);
  assert.equal(await state(), 'running');
  assert.equal(
    count(await driver.readConsole(s.id)),
    1,
    'a resumed guest continues, it does not boot again',
  );

  const stopStart = Date.now();
  await driver.stop(s.id, { timeoutMs: 1000 });
  assert.equal(await state(), 'shutdown');
  assert.ok(Date.now() - stopStart < 30_000);
  await driver.start(s.id);
  t.diagnostic(`boot after start: ${await booted(s.id, 2)} ms`);

  await driver.reboot(s.id, { hard: false, timeoutMs: 1000 });
  t.diagnostic(`boot after soft reboot (reset after 1 s): ${await booted(s.id, 3)} ms`);
  await driver.reboot(s.id, { hard: true, timeoutMs: 0 });
  t.diagnostic(`boot after hard reboot: ${await booted(s.id, 4)} ms`);
  assert.equal(await state(), 'running');

  await driver.destroy(s.id, { keepDisks: false });
  await assert.rejects(driver.getInfo(s.id), { kind: 'not_found' });
  assert.ok(!existsSync(`${tmp.path}/instances/${s.id}`));
  assert.deepEqual(readdirSync(`${tmp.path}/instances`), []);
});

test('a qcow2 base image boots the same way, from a disk grown to the flavor size', async () => {
  const s = spec(QCOW2);
  await driver.spawn(s);
  await booted(s.id, 1);
  const snap = await driver.snapshot(s.id, { format: 'qcow2' });
  const file = `${tmp.path}/snapshot.qcow2`;
  await pipeline(snap.stream, createWriteStream(file));
  assert.equal(statSync(file).size, snap.size);
  const info = JSON.parse(
    execFileSync('/usr/bin/qemu-img', ['info', '--output=json', file]).toString(),
  ) as Record<string, unknown>;
  assert.equal(info['virtual-size'], 1024 ** 3, 'the disk was grown to the flavor size');
  assert.equal(info['backing-filename'], undefined, 'the snapshot is flattened');
  assert.equal(
    (await driver.getInfo(s.id)).powerState,
    'running',
    'the guest runs again after the snapshot',
  );
  await driver.destroy(s.id, { keepDisks: false });
  assert.deepEqual(readdirSync(`${tmp.path}/snapshots`), []);
});

test('a guest that dies shows as shut down, and listGuests reports it', async () => {
  const s = spec(RAW);
  await driver.spawn(s);
  await driver.stop(s.id, { timeoutMs: 0 });
  const listed = (await driver.listGuests()).find((g) => g.id === s.id);
  assert.equal(listed?.powerState, 'shutdown');
  await driver.destroy(s.id, { keepDisks: false });
});

test(
  'under KVM the boot-sector guest boots too',
  { skip: !hasKvm() && 'no /dev/kvm' },
  async (t) => {
    const d = kvm!;
    assert.equal((await d.capabilities()).domainType, 'kvm');
    const s = spec(RAW);
    const t0 = Date.now();
    await d.spawn(s);
    const spawnMs = Date.now() - t0;
    t.diagnostic(
      `kvm: spawn ${spawnMs} ms, first console line ${await booted(s.id, 1, d, KVM_BOOT_MS)} ms later`,
    );
    await d.destroy(s.id, { keepDisks: false });
    await assert.rejects(d.getInfo(s.id), { kind: 'not_found' });
  },
);
