import { readFile } from 'node:fs/promises';
import { adminToken, bootSectorImagePath, type BenchCloud } from './bench-cloud.js';

/** The line the boot-sector guest prints (libs/hypervisor test images). */
const GUEST_LINE = 'tinystack-guest:';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export interface Api {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function apiOf(base: string, token: string): Api {
  return {
    async call(method, path, body) {
      const res = await fetch(base + path, {
        method,
        headers: { 'X-Auth-Token': token, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}

async function uploadImage(cloud: BenchCloud, token: string): Promise<string> {
  const created = await fetch(`${cloud.image}/v2/images`, {
    method: 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench-bootsector', disk_format: 'raw', container_format: 'bare', visibility: 'public' }),
  });
  const { id } = (await created.json()) as { id: string };
  const data = await readFile(await bootSectorImagePath());
  const put = await fetch(`${cloud.image}/v2/images/${id}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
    body: data,
  });
  if (!put.ok) {
    throw new Error(`image upload failed: ${put.status}`);
  }
  return id;
}

/** ms from `t0` until `check` is true, polling every `everyMs`. */
async function until(t0: number, check: () => Promise<boolean>, everyMs: number, timeoutMs = 120_000): Promise<number> {
  while (performance.now() - t0 < timeoutMs) {
    if (await check()) {
      return performance.now() - t0;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error('timed out');
}

export interface BootTimes {
  readonly active: number;
  readonly consoleLine: number;
}

/**
 * One boot: POST /servers, then the time to ACTIVE (polled every `pollMs`) and, unless
 * `withConsole` is false, to the guest's first console line.
 */
async function bootOnce(api: Api, imageId: string, name: string, withConsole = true, pollMs = 10): Promise<{ id: string; times: BootTimes }> {
  const t0 = performance.now();
  const res = await api.call('POST', '/v2.1/servers', { server: { name, imageRef: imageId, flavorRef: '6' } });
  if (res.status !== 202) {
    throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const id = res.body.server.id as string;
  const active = await until(t0, async () => {
    const s = (await api.call('GET', `/v2.1/servers/${id}`)).body.server;
    if (s.status === 'ERROR') {
      throw new Error(`server ${id} failed: ${JSON.stringify(s.fault)}`);
    }
    return s.status === 'ACTIVE';
  }, pollMs);
  if (!withConsole) {
    return { id, times: { active, consoleLine: NaN } };
  }
  const consoleLine = await until(t0, async () => {
    const out = await api.call('POST', `/v2.1/servers/${id}/action`, { 'os-getConsoleOutput': {} });
    return out.status === 200 && String(out.body.output).includes(GUEST_LINE);
  }, 20);
  return { id, times: { active, consoleLine } };
}

async function deleteAndWait(api: Api, id: string): Promise<void> {
  await api.call('DELETE', `/v2.1/servers/${id}`);
  await until(performance.now(), async () => (await api.call('GET', `/v2.1/servers/${id}`)).status === 404, 50);
}

/** A cloud ready for boots: a token, no quota in the way, the image uploaded and cached on the host. */
export async function prepareBoots(cloud: BenchCloud): Promise<{ api: Api; imageId: string }> {
  const token = await adminToken(cloud.identity);
  const api = apiOf(cloud.compute, token);
  const validated = await fetch(`${cloud.identity}/v3/auth/tokens`, { headers: { 'X-Auth-Token': token, 'X-Subject-Token': token } });
  const project = ((await validated.json()) as { token: { project: { id: string } } }).token.project.id;
  await api.call('PUT', `/v2.1/os-quota-sets/${project}`, { quota_set: { instances: -1, cores: -1, ram: -1 } });
  const imageId = await uploadImage(cloud, token);
  const warm = await bootOnce(api, imageId, 'warm-up');
  await deleteAndWait(api, warm.id);
  return { api, imageId };
}

/** `boots` sequential boots, each deleted before the next. */
export async function sequentialBoots(api: Api, imageId: string, boots = 20): Promise<BootTimes[]> {
  const times: BootTimes[] = [];
  for (let i = 0; i < boots; i++) {
    const { id, times: t } = await bootOnce(api, imageId, `bench-${i}`);
    times.push(t);
    await deleteAndWait(api, id);
  }
  return times;
}

/**
 * `count` boots at once: the wall time until the last is ACTIVE, and how many failed. Polled
 * every 100 ms without console reads, so the polling does not load the host it measures.
 */
export async function concurrentBoots(api: Api, imageId: string, count = 10): Promise<{ wallMs: number; failed: string[] }> {
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => bootOnce(api, imageId, `together-${i}`, false, 100)));
  const wallMs = performance.now() - t0;
  const failed: string[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') {
      await deleteAndWait(api, r.value.id);
    } else {
      failed.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
    }
  }
  return { wallMs, failed };
}
