import type { Domain } from '@unraid/libvirt';
import { guestNotFound } from '../driver/hypervisor.errors.js';
import type { GuestInfo, PowerState } from '../driver/guest.types.js';
import { instanceNameOf, instanceOwnerOf } from './xml-reader.js';
import type { Connections, LibvirtHost } from './host.js';
import {
  VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  VirState,
  pinWhile,
} from './native.js';

const STATE_NAMES = [
  'nostate',
  'running',
  'blocked',
  'paused',
  'shutdown',
  'shutoff',
  'crashed',
  'pmsuspended',
];
const SHUTOFF_REASONS = [
  'unknown',
  'shutdown',
  'destroyed',
  'crashed',
  'migrated',
  'saved',
  'failed',
  'from-snapshot',
  'daemon',
];

/** Nova's power state for a libvirt state; a shut-off guest with saved memory is `suspended`. */
export function powerStateOf(state: number, hasManagedSave: boolean): PowerState {
  switch (state) {
    case VirState.RUNNING:
    case VirState.BLOCKED:
      return 'running';
    case VirState.PAUSED:
      return 'paused';
    case VirState.SHUTDOWN:
      return 'shutdown';
    case VirState.SHUTOFF:
      return hasManagedSave ? 'suspended' : 'shutdown';
    case VirState.CRASHED:
      return 'crashed';
    case VirState.PMSUSPENDED:
      return 'suspended';
    default:
      return 'nostate';
  }
}

/** `shutoff/saved`, `running/1`: libvirt's own words, for logs and operators. */
export function describeState(state: number, reason: number): string {
  const name = STATE_NAMES[state] ?? `state-${state}`;
  const why =
    state === VirState.SHUTOFF ? (SHUTOFF_REASONS[reason] ?? String(reason)) : String(reason);
  return `${name}/${why}`;
}

export interface GuestState {
  readonly state: number;
  readonly reason: number;
  readonly hasManagedSave: boolean;
  readonly powerState: PowerState;
  readonly description: string;
}

/**
 * One libvirt domain, by UUID (Nova's libvirt/guest.py): thin calls, each mapped to the
 * driver's errors. Decisions (what to do in which state) are the driver's.
 */
export class LibvirtGuest {
  constructor(
    private readonly host: LibvirtHost,
    readonly id: string,
  ) {}

  private onDomain<T>(
    op: string,
    fn: (lv: Connections['lv'], dom: Domain) => Promise<T>,
  ): Promise<T> {
    return this.host.call({ op, id: this.id }, async ({ lv }) => {
      const dom = await lv.domainLookupByUUIDString(this.id);
      return pinWhile([dom], fn(lv, dom));
    });
  }

  private onExt<T>(op: string, fn: (ext: Connections['ext']) => Promise<T>): Promise<T> {
    return this.host.call({ op, id: this.id }, ({ ext }) => fn(ext));
  }

  /** The state now, or null when no such domain exists. */
  async stateOrNull(): Promise<GuestState | null> {
    return this.onExt('read state', async (ext) => {
      const s = await ext.domainState(this.id);
      if (!s) {
        return null;
      }
      const hasManagedSave =
        s.state === VirState.SHUTOFF ? await ext.domainHasManagedSave(this.id) : false;
      return {
        ...s,
        hasManagedSave,
        powerState: powerStateOf(s.state, hasManagedSave),
        description: describeState(s.state, s.reason),
      };
    });
  }

  /** The state now; `not_found` when no such domain exists. */
  async state(): Promise<GuestState> {
    const s = await this.stateOrNull();
    if (!s) {
      throw guestNotFound(this.id);
    }
    return s;
  }

  info(): Promise<{ vcpus: number; memoryMiB: number; cpuTimeNs: number; xml: string }> {
    return this.onDomain('read info', async (lv, dom) => {
      const [info, xml] = await Promise.all([lv.domainGetInfo(dom), lv.domainGetXMLDesc(dom)]);
      return {
        vcpus: info.nrVirtCpu,
        memoryMiB: Math.round(info.maxMem / 1024),
        cpuTimeNs: info.cpuTime,
        xml,
      };
    });
  }

  /** The driver's GuestInfo: state, size and the display name from our metadata. */
  async describe(): Promise<GuestInfo> {
    return (await this.describeWithOwner()).info;
  }

  /** describe(), plus the owner recorded in the domain metadata. */
  async describeWithOwner(): Promise<{ info: GuestInfo; owner: string }> {
    const s = await this.state();
    const info = await this.info();
    return {
      owner: instanceOwnerOf(info.xml),
      info: {
        id: this.id,
        name: instanceNameOf(info.xml),
        powerState: s.powerState,
        hypervisorState: s.description,
        vcpus: info.vcpus,
        memoryMiB: info.memoryMiB,
        cpuTimeNs: info.cpuTimeNs,
      },
    };
  }

  xml(): Promise<string> {
    return this.onDomain('read XML', (lv, dom) => lv.domainGetXMLDesc(dom));
  }

  /** Start a defined domain (restores managed-saved memory when there is some). */
  create(): Promise<void> {
    return this.onDomain('start', (lv, dom) => lv.domainCreate(dom));
  }

  /** ACPI power button. */
  shutdown(): Promise<void> {
    return this.onDomain('shut down', (lv, dom) => lv.domainShutdown(dom));
  }

  /** Pull the plug. */
  destroy(): Promise<void> {
    return this.onExt('power off', (ext) => ext.domainDestroy(this.id, 0));
  }

  pause(): Promise<void> {
    return this.onDomain('pause', (lv, dom) => lv.domainSuspend(dom));
  }

  unpause(): Promise<void> {
    return this.onDomain('unpause', (lv, dom) => lv.domainResume(dom));
  }

  managedSave(): Promise<void> {
    return this.onExt('suspend', (ext) => ext.domainManagedSave(this.id, 0));
  }

  /** Discard saved memory: the next start boots afresh. */
  removeManagedSave(): Promise<void> {
    return this.onExt('discard saved memory', (ext) => ext.domainManagedSaveRemove(this.id, 0));
  }

  reboot(flags: number): Promise<void> {
    return this.onExt('reboot', (ext) => ext.domainReboot(this.id, flags));
  }

  reset(): Promise<void> {
    return this.onExt('reset', (ext) => ext.domainReset(this.id, 0));
  }

  /** Remove the definition with its managed-save image and snapshot metadata (our guests have no NVRAM). */
  undefine(): Promise<void> {
    const flags = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    return this.onExt('undefine', (ext) => ext.domainUndefine(this.id, flags));
  }
}
