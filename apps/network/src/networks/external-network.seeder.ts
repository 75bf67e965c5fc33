import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceTokenProvider, TokenVerifier } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import { DataSource } from 'typeorm';
import { NETWORK_CONFIG, type NetworkConfig } from '../config.js';
import { NetworkEntity, SubnetEntity } from '../entities.js';
import { formatCidr, parseCidr } from '../shared/ipv4.js';
import { WriteLock } from '../shared/mutex.js';
import { newStandard } from '../shared/standard-attrs.js';
import { defaultSubnet } from '../subnets/default-subnet.js';

const log = loggerFor('ExternalNetwork');

/**
 * Makes sure the cloud has its default external network (NETWORK_EXTERNAL_NAME, a subnet of
 * NETWORK_EXTERNAL_CIDR, owned by the service project) so floating IPs and get-me-a-network
 * work on a fresh cloud. Retries in the background while identity is unreachable.
 */
@Injectable()
export class ExternalNetworkSeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private retry: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NETWORK_CONFIG) private readonly config: NetworkConfig,
    @Inject(ServiceTokenProvider) private readonly tokens: ServiceTokenProvider,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {
    if (!parseCidr(config.NETWORK_EXTERNAL_CIDR)) {
      throw new Error(`NETWORK_EXTERNAL_CIDR: '${config.NETWORK_EXTERNAL_CIDR}' is not an IPv4 CIDR`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.attempt();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /** Creates the network unless one with the name already exists (an operator may have changed it). */
  async ensure(): Promise<void> {
    if (this.done) {
      return;
    }
    const name = this.config.NETWORK_EXTERNAL_NAME;
    if (await this.ds.getRepository(NetworkEntity).findOneBy({ name, external: true })) {
      this.done = true;
      return;
    }
    const projectId = (await this.verifier.verify(await this.tokens.token())).projectId ?? '';
    await this.lock.run(() =>
      this.ds.transaction(async (m) => {
        if (await m.getRepository(NetworkEntity).findOneBy({ name, external: true })) {
          return;
        }
        const hasDefault = (await m.getRepository(NetworkEntity).countBy({ external: true, isDefault: true })) > 0;
        const net = Object.assign(new NetworkEntity(), {
          ...newStandard(projectId),
          name,
          adminStateUp: true,
          shared: false,
          external: true,
          isDefault: !hasDefault,
          mtu: this.config.NETWORK_MTU,
          portSecurity: true,
        });
        await m.getRepository(NetworkEntity).insert(net);
        const cidr = parseCidr(this.config.NETWORK_EXTERNAL_CIDR);
        if (!cidr) {
          return;
        }
        await m.getRepository(SubnetEntity).insert(defaultSubnet(projectId, net.id, `${name}-subnet`, cidr, false));
        log.info({ network: net.id, cidr: formatCidr(cidr) }, 'created the default external network');
      }),
    );
    this.done = true;
  }

  private async attempt(): Promise<void> {
    try {
      await this.ensure();
    } catch (err) {
      log.warn({ err }, 'could not create the default external network yet; retrying');
      this.retry = setTimeout(() => void this.attempt(), 2_000);
      this.retry.unref();
    }
  }
}
