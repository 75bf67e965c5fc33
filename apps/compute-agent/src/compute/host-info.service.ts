import { Inject, Injectable } from '@nestjs/common';
import { agentV1, computeV1 } from '@tinystack/contracts';
import type { HostCapabilities, HostResources, HypervisorDriver } from '@tinystack/hypervisor';
import { AGENT_CONFIG, advertiseUrlOf, type ComputeAgentConfig } from '../config.js';
import { HYPERVISOR_DRIVER } from '../hypervisor/hypervisor.tokens.js';

/** What this host is and has, in the shapes of the agent and compute contracts. */
@Injectable()
export class HostInfoService {
  constructor(
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(AGENT_CONFIG) private readonly config: ComputeAgentConfig,
  ) {}

  get host(): string {
    return this.config.COMPUTE_AGENT_HOST_NAME;
  }

  async facts(): Promise<{ caps: HostCapabilities; res: HostResources }> {
    const [caps, res] = await Promise.all([
      this.driver.capabilities(),
      this.driver.hostResources(),
    ]);
    return { caps, res };
  }

  async hostInfo(): Promise<agentV1.GetHostInfoResponse> {
    const { caps, res } = await this.facts();
    return {
      host: this.host,
      hypervisor: {
        type: caps.hypervisorType,
        version: caps.hypervisorVersion,
        hostname: this.host,
        domainType: caps.domainType,
        cpuArch: caps.cpuArch,
        libvirtVersion: caps.libvirtVersion,
      },
      resources: resourcesOf(res),
    };
  }

  /** The hypervisor as compute's RegisterAgent wants it. */
  async computeHypervisor(): Promise<{
    hypervisor: computeV1.HypervisorInfo;
    resources: computeV1.HostResources;
  }> {
    const { caps, res } = await this.facts();
    const advertised = advertiseUrlOf(this.config);
    return {
      hypervisor: {
        type: caps.hypervisorType,
        version: caps.hypervisorVersion,
        hostname: this.host,
        hostIp: advertised.slice(0, advertised.lastIndexOf(':')).replace(/^\[|\]$/g, ''),
        cpuInfoJson: JSON.stringify({
          arch: caps.cpuArch,
          model: res.cpuModel,
          domain_type: caps.domainType,
          topology: { cells: 1, sockets: 1, cores: res.vcpus, threads: 1 },
        }),
      },
      resources: resourcesOf(res),
    };
  }

  async computeResources(): Promise<computeV1.HostResources> {
    return resourcesOf(await this.driver.hostResources());
  }
}

function resourcesOf(r: HostResources): agentV1.HostResources & computeV1.HostResources {
  return {
    vcpus: r.vcpus,
    memoryMb: r.memoryMiB,
    localGb: r.localDiskGiB,
    freeDiskGb: r.freeDiskGiB,
  };
}
