import type { HostView } from '../agents/agents.service.js';
import type { ApiVersion } from '../http/api-version.js';
import type { HostUsage } from '../servers/servers.repository.js';

/** A host with compute's usage on it and, when asked, its servers. */
export interface HypervisorRecord {
  readonly host: HostView;
  readonly usage: HostUsage | undefined;
  /** Servers with a task running (current_workload). */
  readonly busy: number;
  readonly servers?: ReadonlyArray<{ uuid: string; name: string }>;
}

/** Nova's os-hypervisors views, per microversion. */
export class HypervisorView {
  constructor(private readonly version: ApiVersion) {}

  private idOf(r: HypervisorRecord): string | number {
    return this.version.atLeast('2.53') ? r.host.node.uuid : r.host.node.id;
  }

  summary(r: HypervisorRecord): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: this.idOf(r),
      hypervisor_hostname: r.host.node.hypervisorHostname,
      state: r.host.isUp ? 'up' : 'down',
      status: r.host.service.disabled ? 'disabled' : 'enabled',
    };
    if (r.servers && (r.servers.length > 0 || this.version.atLeast('2.75'))) {
      body['servers'] = r.servers;
    }
    return body;
  }

  detail(r: HypervisorRecord): Record<string, unknown> {
    const n = r.host.node;
    const vcpusUsed = r.usage?.vcpus ?? 0;
    const ramUsed = r.usage?.memoryMb ?? 0;
    const diskUsed = r.usage?.diskGb ?? 0;
    return {
      ...this.summary(r),
      hypervisor_type: n.hypervisorType,
      hypervisor_version: n.hypervisorVersion,
      host_ip: n.hostIp,
      service: {
        host: n.host,
        id: this.version.atLeast('2.53') ? r.host.service.uuid : r.host.service.id,
        disabled_reason: r.host.service.disabledReason,
      },
      vcpus: n.vcpus,
      vcpus_used: vcpusUsed,
      memory_mb: n.memoryMb,
      memory_mb_used: ramUsed,
      local_gb: n.localGb,
      local_gb_used: diskUsed,
      free_ram_mb: n.memoryMb - ramUsed,
      free_disk_gb: n.localGb - diskUsed,
      current_workload: r.busy,
      running_vms: r.usage?.instances ?? 0,
      disk_available_least: n.diskAvailableLeast,
      cpu_info: this.version.atLeast('2.28') ? parseObject(n.cpuInfo) : n.cpuInfo,
    };
  }

  /** GET /os-hypervisors/statistics: the sums over every host. */
  static statistics(records: readonly HypervisorRecord[]): Record<string, number> {
    const view = new HypervisorView({ atLeast: () => false } as unknown as ApiVersion);
    const sum = (key: string) => records.reduce((acc, r) => acc + Number(view.detail(r)[key] ?? 0), 0);
    const keys = ['vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used', 'local_gb', 'local_gb_used', 'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms', 'disk_available_least'];
    return { count: records.length, ...Object.fromEntries(keys.map((k) => [k, sum(k)])) };
  }
}

function parseObject(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}

