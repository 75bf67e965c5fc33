import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { VifSpec } from '../driver/guest.types.js';

/**
 * A guest NIC as libvirt sees it (Nova's libvirt/vif.py). The source names come from the
 * agent's configuration or the network service, never from users; the model is virtio.
 */
export type InterfaceDevice =
  | { readonly kind: 'network'; readonly network: string; readonly mac: string }
  | { readonly kind: 'bridge'; readonly bridge: string; readonly mac: string; readonly dev?: string | undefined }
  | { readonly kind: 'user'; readonly mac: string };

export function interfaceOf(vif: VifSpec): InterfaceDevice {
  switch (vif.type) {
    case 'network':
      return { kind: 'network', network: vif.network, mac: vif.mac };
    case 'bridge':
      return { kind: 'bridge', bridge: vif.bridge, mac: vif.mac, dev: vif.dev };
    case 'user':
      return { kind: 'user', mac: vif.mac };
  }
}

/** Appends `<interface>` for `nic` under `devices`. */
export function renderInterface(devices: XMLBuilder, nic: InterfaceDevice): void {
  const el = devices.ele('interface', { type: nic.kind });
  el.ele('mac', { address: nic.mac });
  switch (nic.kind) {
    case 'network':
      el.ele('source', { network: nic.network });
      break;
    case 'bridge':
      el.ele('source', { bridge: nic.bridge });
      if (nic.dev) {
        // the host-side tap's name, which the host's security group rules match on
        el.ele('target', { dev: nic.dev });
      }
      break;
    case 'user':
      break;
  }
  el.ele('model', { type: 'virtio' });
}
