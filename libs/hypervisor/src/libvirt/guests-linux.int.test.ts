import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@tinystack/testing';
import { ensureLibvirtd, ensureLinuxGuestImage, FileImageSource } from '../test-images/index.js';
import { LibvirtDriver } from './driver.js';

/**
 * The Linux guest (Debian's kernel, busybox initramfs) on qemu:///system reads its config
 * drive and prints the instance uuid and user_data to the serial console; its init powers off
 * on the ACPI power button, so a graceful stop finishes well before the timeout.
 *
 * Under TCG (domain type qemu) on purpose: the nested KVM of the development and CI machines
 * cannot run SYSLINUX's protected-mode code ("KVM internal error ... emulation failure"),
 * while TCG boots it in ~15-60 s depending on load. The boot-sector test covers KVM.
 */
const IMAGE = '3c9b7d21-6e5f-4a8b-b1c2-000000000003';
const READY_MS = 240_000;
const tmp = tempDir('guests-linux-');
let driver: LibvirtDriver;

before(async () => {
  await ensureLibvirtd();
  const source = new FileImageSource({ [IMAGE]: await ensureLinuxGuestImage() });
  driver = new LibvirtDriver({
    uri: 'qemu:///system',
    stateDir: tmp.path,
    virtType: 'qemu',
    imageSource: source,
  });
  await driver.init();
});

after(async () => {
  for (const g of await driver.listGuests()) {
    await driver.destroy(g.id, { keepDisks: false });
  }
  await driver.close();
  tmp.cleanup();
});

test('the Linux guest prints its uuid and user_data from the config drive, and stops gracefully', async (t) => {
  const id = randomUUID();
  const userData = `#!/bin/sh\necho "user data for ${id}"\n`;
  const t0 = Date.now();
  await driver.spawn({
    id,
    name: 'linux </name> & "guest"',
    vcpus: 1,
    memoryMiB: 256,
    rootDiskGiB: 1,
    image: { id: IMAGE },
    configDrive: {
      uuid: id,
      name: 'linux',
      metadata: { k: 'v' },
      publicKeys: { key: 'ssh-ed25519 AAAA t' },
      userData: Buffer.from(userData),
    },
  });
  const spawnMs = Date.now() - t0;
  let console = '';
  while (!console.includes('tinystack-guest: ready')) {
    if (Date.now() - t0 > READY_MS) {
      assert.fail(`the guest did not get ready in ${READY_MS} ms: ${console}`);
    }
    await sleep(250);
    console = await driver.readConsole(id);
  }
  t.diagnostic(`spawn ${spawnMs} ms, guest ready ${Date.now() - t0} ms after the spawn call (TCG)`);
  assert.match(console, new RegExp(`tinystack-guest: instance uuid ${id}`));
  assert.ok(
    console.includes(`tinystack-guest: user_data begin\n${userData}`.replace(/\n/g, '\r\n')) ||
      console.includes(userData.replace(/\n/g, '\r\n')),
    console,
  );
  assert.match(await driver.readConsole(id, { tailLines: 1 }), /tinystack-guest: ready/);

  const stop0 = Date.now();
  await driver.stop(id, { timeoutMs: 60_000 });
  const stopMs = Date.now() - stop0;
  t.diagnostic(`graceful stop ${stopMs} ms`);
  assert.equal((await driver.getInfo(id)).powerState, 'shutdown');
  assert.ok(stopMs < 60_000, 'the guest shut down on ACPI, not by the fall-back power-off');
  assert.match(await driver.readConsole(id), /tinystack-guest: power button, powering off/);
  await driver.destroy(id, { keepDisks: false });
});
