import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from 'xmlbuilder2';
import type { GuestSpec } from '../driver/guest.types.js';
import { domainConfigOf } from './domain-config.js';
import { INSTANCE_XMLNS, renderDomainXml } from './domain-xml.js';
import { instanceNameOf } from './xml-reader.js';

const ID = '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11';
const IMAGE = '6f1d1d0e-1c1b-4d8e-9a59-3f4f1f0f7a22';

function spec(over: Partial<GuestSpec> = {}): GuestSpec {
  return {
    id: ID,
    name: 'web-1',
    vcpus: 2,
    memoryMiB: 512,
    rootDiskGiB: 1,
    image: { id: IMAGE },
    ...over,
  };
}

const paths = {
  rootDisk: `/srv/instances/${ID}/disk`,
  configDrive: `/srv/instances/${ID}/disk.config`,
  consoleLog: `/srv/instances/${ID}/console.log`,
};

interface El {
  textContent: string | null;
  getAttribute(n: string): string | null;
  getElementsByTagName(n: string): ArrayLike<El>;
  getElementsByTagNameNS(ns: string, n: string): ArrayLike<El>;
}
const parse = (xml: string) => create(xml).root().node as unknown as El;
const all = (el: El, name: string) => Array.from(el.getElementsByTagName(name));

test('a plain spec becomes a kvm domain with a virtio root disk, an IDE config drive and a logged serial console', () => {
  const xml = renderDomainXml(
    domainConfigOf(spec(), paths, { domainType: 'kvm', dacLabel: undefined }),
  );
  const dom = parse(xml);
  assert.equal(dom.getAttribute('type'), 'kvm');
  assert.equal(all(dom, 'name')[0]?.textContent, `instance-${ID}`);
  assert.equal(all(dom, 'uuid')[0]?.textContent, ID);
  assert.equal(all(dom, 'memory')[0]?.textContent, '512');
  const disks = all(dom, 'disk');
  assert.equal(disks.length, 2);
  assert.equal(all(disks[0], 'target')[0]?.getAttribute('bus'), 'virtio');
  assert.equal(all(disks[0], 'source')[0]?.getAttribute('file'), paths.rootDisk);
  assert.equal(disks[1].getAttribute('device'), 'cdrom');
  assert.equal(all(disks[1], 'target')[0]?.getAttribute('bus'), 'ide');
  assert.equal(all(dom, 'log')[0]?.getAttribute('file'), paths.consoleLog);
  assert.equal(all(dom, 'cpu').length, 0, 'default CPU model unless configured');
  assert.equal(all(dom, 'seclabel').length, 0);
});

test('a hostile server name and metadata stay text: no element, attribute or CDATA escapes', () => {
  const name = `evil</name><devices><disk type='file'><source file='/etc/shadow'/></disk></devices><name>x]]>"'&`;
  const metadata = { '"><injected a="': `</tinystack:item><devices/>`, key: 'value & <b>bold</b>' };
  const xml = renderDomainXml(
    domainConfigOf(spec({ name, metadata }), paths, { domainType: 'qemu', dacLabel: undefined }),
  );
  const dom = parse(xml);
  assert.equal(all(dom, 'devices').length, 1);
  assert.equal(all(dom, 'disk').length, 2);
  assert.equal(all(dom, 'injected').length, 0);
  assert.ok(!xml.includes('/etc/shadow') || xml.includes("&lt;source file='/etc/shadow'/&gt;"));
  assert.equal(instanceNameOf(xml), name);
  const items = Array.from(dom.getElementsByTagNameNS(INSTANCE_XMLNS, 'item'));
  assert.deepEqual(
    items.map((i) => [i.getAttribute('key'), i.textContent]),
    Object.entries(metadata),
  );
});

test('characters XML cannot carry are dropped, not passed to libvirt', () => {
  const xml = renderDomainXml(
    domainConfigOf(spec({ name: 'a\u0000b\u0001c\u001bd\ufffee' }), paths, {
      domainType: 'qemu',
      dacLabel: undefined,
    }),
  );
  assert.equal(instanceNameOf(xml), 'abcde');
});

test('qemu guests get no CPU element; kvm guests the configured mode; a static DAC label when asked', () => {
  const q = renderDomainXml(
    domainConfigOf(spec(), paths, {
      domainType: 'qemu',
      dacLabel: undefined,
      cpuMode: 'host-passthrough',
    }),
  );
  assert.equal(all(parse(q), 'cpu').length, 0);
  const k = renderDomainXml(
    domainConfigOf(spec(), paths, { domainType: 'kvm', dacLabel: '+0:+0', cpuMode: 'host-model' }),
  );
  const dom = parse(k);
  assert.equal(all(dom, 'cpu')[0]?.getAttribute('mode'), 'host-model');
  const sec = all(dom, 'seclabel')[0];
  assert.equal(sec.getAttribute('relabel'), 'no');
  assert.equal(all(sec, 'label')[0]?.textContent, '+0:+0');
});

test('no config drive, no cdrom; NICs come from vif specs', () => {
  const xml = renderDomainXml(
    domainConfigOf(
      spec({ vifs: [{ type: 'network', network: 'default', mac: 'fa:16:3e:00:00:01' }] }),
      { ...paths, configDrive: undefined },
      { domainType: 'qemu', dacLabel: undefined },
    ),
  );
  const dom = parse(xml);
  assert.equal(all(dom, 'disk').length, 1);
  const nic = all(dom, 'interface')[0];
  assert.equal(nic.getAttribute('type'), 'network');
  assert.equal(all(nic, 'source')[0]?.getAttribute('network'), 'default');
  assert.equal(all(nic, 'mac')[0]?.getAttribute('address'), 'fa:16:3e:00:00:01');
});
