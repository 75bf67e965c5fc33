import { ServersRepository } from '../servers/servers.repository.js';
import { newServer } from '../servers/server-record.builder.js';
import type { FlavorEntity } from '../flavors/flavor.entity.js';
import { startTestCloud } from '../testing/test-cloud.js';
import { percentile } from './guest-boots.js';

const FLAVOR = { id: '6', name: 't1.nano', vcpus: 1, memoryMb: 128, rootGb: 1, ephemeralGb: 0, swap: 0 } as FlavorEntity;

/**
 * GET /servers/detail and /servers over `count` servers of one project (rows written straight
 * to compute's database, ACTIVE with metadata and an address), p50 and p99 over `rounds`:
 * from the request to the last byte of the answer (the client's JSON parse not included).
 */
export async function benchListing(count = 1000, rounds = 30): Promise<Record<string, { p50: number; p99: number }>> {
  const c = await startTestCloud('sqlite');
  try {
    const repo = c.t.server.app.get(ServersRepository);
    const now = Date.now();
    const servers = Array.from({ length: count }, (_, i) =>
      Object.assign(
        newServer(
          {
            body: { name: `s-${i}`, flavorRef: '6' },
            projectId: 'bench',
            userId: 'bench-user',
            imageId: c.image.id,
            flavor: FLAVOR,
            extraSpecs: {},
            key: undefined,
            networkMode: 'auto',
            zone: 'nova',
            destination: {},
            reservationId: 'r-bench000',
          },
          `s-${i}`,
          i,
          now - i,
        ),
        {
          vmState: 'active',
          taskState: null,
          powerState: 1,
          host: 'bench-host',
          node: 'bench-host',
          launchedAt: now,
          addresses: JSON.stringify({ private: [{ version: 4, addr: `10.0.${i >> 8}.${i & 255}`, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' }] }),
        },
      ),
    );
    for (let i = 0; i < servers.length; i += 100) {
      await repo.insert(servers.slice(i, i + 100), { role: 'bench', tier: 'web' }, []);
    }
    const token = c.t.tokens.member('bench');
    const out: Record<string, { p50: number; p99: number }> = {};
    for (const [label, path, version] of [
      ['GET /servers/detail (2.1)', '/v2.1/servers/detail', undefined],
      ['GET /servers/detail (2.79)', '/v2.1/servers/detail', '2.79'],
      ['GET /servers (2.1)', '/v2.1/servers', undefined],
    ] as const) {
      const ms: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const res = await fetch(c.t.url + path, {
          headers: { 'X-Auth-Token': token, ...(version ? { 'OpenStack-API-Version': `compute ${version}` } : {}) },
        });
        const bytes = await res.arrayBuffer();
        ms.push(performance.now() - t0);
        const servers = (JSON.parse(Buffer.from(bytes).toString()) as { servers: unknown[] }).servers;
        if (res.status !== 200 || servers.length !== count) {
          throw new Error(`${label}: ${res.status}, ${servers.length} servers`);
        }
      }
      out[label] = { p50: percentile(ms, 50), p99: percentile(ms, 99) };
    }
    return out;
  } finally {
    await c.close();
  }
}
