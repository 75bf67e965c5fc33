import type { ApiVersion } from '../http/api-version.js';
import type { Links } from '../http/links.js';
import { hostIdOf } from '../shared/host-id.js';
import { isoMicro, isoZ } from '../shared/time.js';
import { parseAddresses } from './addresses.js';
import { PROGRESS_STATUSES, statusOf } from './server-state.js';
import type { ServerEntity } from './server.entity.js';

/** What a server body is built from besides the row. */
export interface ServerExtras {
  readonly metadata: Record<string, string>;
  readonly tags: readonly string[];
}

/** Nova's host_status of a server's host (2.16, admins). */
export type HostStatus = 'UP' | 'DOWN' | 'MAINTENANCE' | 'UNKNOWN' | '';

export interface ViewOptions {
  /** GET /servers/{id} and the update answer carry server_groups at 2.71. */
  readonly single?: boolean;
  /** The update answer before 2.75: Nova leaves the extension fields out. */
  readonly compact?: boolean;
}

/** Nova's server view builder (views/servers.py), field by field per microversion and role. */
export class ServerView {
  constructor(
    private readonly links: Links,
    private readonly version: ApiVersion,
    private readonly isAdmin: boolean,
    private readonly hostStatus: (host: string | null) => HostStatus = () => '',
  ) {}

  basic(s: ServerEntity): Record<string, unknown> {
    return { id: s.id, name: s.name, links: this.links.resource('servers', s.id) };
  }

  detail(s: ServerEntity, extras: ServerExtras, opts: ViewOptions = {}): Record<string, unknown> {
    const status = statusOf(s.vmState, s.taskState);
    const body: Record<string, unknown> = {
      id: s.id,
      name: s.name,
      status,
      tenant_id: s.projectId,
      user_id: s.userId,
      metadata: extras.metadata,
      hostId: hostIdOf(s.projectId, s.host),
      image: s.imageId ? { id: s.imageId, links: this.links.bookmark('images', s.imageId) } : '',
      flavor: this.flavor(s),
      created: isoZ(s.createdAt),
      updated: isoZ(s.updatedAt),
      addresses: this.addresses(s, opts.compact === true),
      accessIPv4: s.accessIpv4 ?? '',
      accessIPv6: s.accessIpv6 ?? '',
      links: this.links.resource('servers', s.id),
      'OS-DCF:diskConfig': s.diskConfig,
    };
    if (PROGRESS_STATUSES.has(status)) {
      body['progress'] = s.progress;
    }
    if (s.faultCode !== null && (status === 'ERROR' || status === 'DELETED')) {
      body['fault'] = {
        code: s.faultCode,
        created: isoZ(s.faultCreatedAt ?? s.updatedAt),
        message: s.faultMessage ?? '',
        ...(this.isAdmin || s.faultCode !== 500 ? { details: s.faultDetails ?? '' } : {}),
      };
    }
    if (!opts.compact || this.version.atLeast('2.75')) {
      Object.assign(body, this.extensions(s));
    }
    this.versioned(body, s, extras, opts);
    return body;
  }

  private flavor(s: ServerEntity): Record<string, unknown> {
    if (this.version.before('2.47')) {
      return { id: s.flavorId, links: this.links.bookmark('flavors', s.flavorId) };
    }
    return {
      vcpus: s.vcpus,
      ram: s.memoryMb,
      disk: s.rootGb,
      ephemeral: s.ephemeralGb,
      swap: s.swap,
      original_name: s.flavorName,
      extra_specs: parseJsonObject(s.flavorExtraSpecs),
    };
  }

  private addresses(s: ServerEntity, compact: boolean): Record<string, unknown> {
    const all = parseAddresses(s.addresses);
    if (!compact || this.version.atLeast('2.75')) {
      return all;
    }
    return Object.fromEntries(Object.entries(all).map(([net, list]) => [net, list.map((a) => ({ version: a.version, addr: a.addr }))]));
  }

  /** The legacy extensions' fields (OS-EXT-*, OS-SRV-USG...), admins' ones included for admins. */
  private extensions(s: ServerEntity): Record<string, unknown> {
    const out: Record<string, unknown> = {
      'OS-EXT-AZ:availability_zone': s.availabilityZone ?? '',
      config_drive: '',
      key_name: s.keyName,
      'OS-SRV-USG:launched_at': isoMicro(s.launchedAt),
      'OS-SRV-USG:terminated_at': isoMicro(s.terminatedAt),
      'OS-EXT-STS:task_state': s.taskState,
      'OS-EXT-STS:vm_state': s.vmState,
      'OS-EXT-STS:power_state': s.powerState,
      'os-extended-volumes:volumes_attached': [],
    };
    if (s.networkMode !== 'none') {
      out['security_groups'] = [{ name: 'default' }];
    }
    if (this.isAdmin) {
      out['OS-EXT-SRV-ATTR:host'] = s.host;
      out['OS-EXT-SRV-ATTR:instance_name'] = `instance-${s.id.slice(0, 8)}`;
      out['OS-EXT-SRV-ATTR:hypervisor_hostname'] = s.node;
      if (this.version.atLeast('2.3')) {
        Object.assign(out, {
          'OS-EXT-SRV-ATTR:reservation_id': s.reservationId,
          'OS-EXT-SRV-ATTR:launch_index': s.launchIndex,
          'OS-EXT-SRV-ATTR:hostname': s.hostname,
          'OS-EXT-SRV-ATTR:kernel_id': '',
          'OS-EXT-SRV-ATTR:ramdisk_id': '',
          'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
          'OS-EXT-SRV-ATTR:user_data': s.userData,
        });
      }
      if (this.version.atLeast('2.16')) {
        out['host_status'] = this.hostStatus(s.host);
      }
    }
    return out;
  }

  private versioned(body: Record<string, unknown>, s: ServerEntity, extras: ServerExtras, opts: ViewOptions): void {
    const v = this.version;
    if (v.atLeast('2.9')) {
      body['locked'] = s.locked;
    }
    if (v.atLeast('2.19')) {
      body['description'] = s.description;
    }
    if (v.atLeast('2.26')) {
      body['tags'] = [...extras.tags];
    }
    if (v.atLeast('2.63')) {
      body['trusted_image_certificates'] = null;
    }
    if (v.atLeast('2.71') && opts.single) {
      body['server_groups'] = [];
    }
    if (v.atLeast('2.73')) {
      body['locked_reason'] = s.lockedReason;
    }
  }
}

function parseJsonObject(json: string): Record<string, string> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
