import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, type Cloud } from './bench-cloud.ts';

const run = promisify(execFile);

export interface SeedSize {
  readonly instances: number;
  readonly images: number;
  readonly objects: number;
}

type Auth = { token: string; projectId: string };

async function call(
  url: string,
  auth: Auth,
  init: { method: string; body?: unknown; raw?: Buffer | string; type?: string },
  ok: number[],
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'x-auth-token': auth.token };
  let body: string | Uint8Array | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  } else if (init.raw !== undefined) {
    headers['content-type'] = init.type ?? 'application/octet-stream';
    body = typeof init.raw === 'string' ? init.raw : new Uint8Array(init.raw);
  }
  const res = await fetch(url, {
    method: init.method,
    headers,
    ...(body !== undefined ? { body: body as BodyInit } : {}),
  });
  const text = await res.text();
  if (!ok.includes(res.status)) {
    throw new Error(`${init.method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  }
  return text && res.headers.get('content-type')?.includes('json')
    ? (JSON.parse(text) as Record<string, unknown>)
    : {};
}

async function pool(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        await fn(next++);
      }
    }),
  );
}

/** `count` objects in container "bench", spread over 10 pseudo-folders. */
async function seedObjects(cloud: Cloud, auth: Auth, count: number): Promise<void> {
  const account = `${cloud.url.objectStore}/v1/AUTH_${auth.projectId}`;
  await call(`${account}/bench`, auth, { method: 'PUT' }, [201, 202]);
  await pool(count, 16, async (i) => {
    const name = `dir${String(i % 10).padStart(2, '0')}/object-${String(i).padStart(4, '0')}.txt`;
    await call(
      `${account}/bench/${name}`,
      auth,
      { method: 'PUT', raw: `object ${i}\n`, type: 'text/plain' },
      [201],
    );
  });
}

/** An active image with `data` (created, then its bytes uploaded, as Glance's two steps). */
async function uploadImage(cloud: Cloud, auth: Auth, name: string, data: Buffer): Promise<string> {
  const image = await call(
    `${cloud.url.image}/v2/images`,
    auth,
    {
      method: 'POST',
      body: { name, disk_format: 'raw', container_format: 'bare' },
    },
    [201],
  );
  const id = String(image.id);
  await call(`${cloud.url.image}/v2/images/${id}/file`, auth, { method: 'PUT', raw: data }, [204]);
  return id;
}

async function seedImages(cloud: Cloud, auth: Auth, count: number): Promise<void> {
  await pool(count, 8, async (i) => {
    await uploadImage(
      cloud,
      auth,
      `bench-image-${String(i).padStart(3, '0')}`,
      Buffer.alloc(4096, i),
    );
  });
}

/** The boot-sector guest from libs/hypervisor's image builder (prints a line, then halts). */
async function bootSector(): Promise<Buffer> {
  const builder = join(REPO, 'libs/hypervisor/dist/test-images/build-test-images.js');
  const { stdout } = await run(process.execPath, [builder, '--no-linux'], {
    cwd: REPO,
    timeout: 600_000,
  });
  const raw = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { path: string; format: string })
    .find((i) => i.format === 'raw');
  if (!raw) {
    throw new Error(`no raw boot-sector image: ${stdout}`);
  }
  return readFile(raw.path);
}

/**
 * `count` real guests: the boot-sector image with a 64 MiB flavor, booted through compute's
 * API ten at a time (min_count = max_count = 10) and each batch waited for until ACTIVE.
 */
async function seedInstances(cloud: Cloud, auth: Auth, count: number): Promise<void> {
  const api = `${cloud.url.compute}/v2.1`;
  await call(
    `${api}/os-quota-sets/${auth.projectId}`,
    auth,
    {
      method: 'PUT',
      body: { quota_set: { instances: -1, cores: -1, ram: -1 } },
    },
    [200],
  );
  await call(
    `${api}/flavors`,
    auth,
    {
      method: 'POST',
      body: { flavor: { name: 'bench.pico', id: 'bench-pico', vcpus: 1, ram: 64, disk: 1 } },
    },
    [200],
  );
  const imageRef = await uploadImage(cloud, auth, 'bench-bootsector', await bootSector());
  for (let done = 0; done < count;) {
    const batch = Math.min(10, count - done);
    const server = {
      name: `bench-${done}`,
      imageRef,
      flavorRef: 'bench-pico',
      min_count: batch,
      max_count: batch,
    };
    await call(`${api}/servers`, auth, { method: 'POST', body: { server } }, [202]);
    done += batch;
    await waitActive(api, auth, done);
  }
}

async function waitActive(api: string, auth: Auth, expected: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { servers } = (await call(
      `${api}/servers/detail`,
      auth,
      { method: 'GET' },
      [200],
    )) as unknown as {
      servers: Array<{ status: string; fault?: unknown }>;
    };
    const failed = servers.filter((s) => s.status === 'ERROR');
    if (failed.length > 0) {
      throw new Error(`${failed.length} guests failed: ${JSON.stringify(failed[0]?.fault)}`);
    }
    if (servers.filter((s) => s.status === 'ACTIVE').length >= expected) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`only ${servers.length} of ${expected} guests ACTIVE after 10 minutes`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function seed(cloud: Cloud, auth: Auth, size: SeedSize): Promise<void> {
  const t0 = performance.now();
  await Promise.all([seedObjects(cloud, auth, size.objects), seedImages(cloud, auth, size.images)]);
  await seedInstances(cloud, auth, size.instances);
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `seeded in ${s} s: ${size.instances} ACTIVE boot-sector guests (flavor bench.pico, 64 MiB), ` +
      `${size.images + 1} active images, ${size.objects} objects in container "bench" (10 pseudo-folders)`,
  );
}

/** Deletes every guest of the project and waits until compute has removed them all. */
export async function deleteInstances(cloud: Cloud, auth: Auth): Promise<void> {
  const api = `${cloud.url.compute}/v2.1`;
  const list = async () =>
    (
      (await call(`${api}/servers`, auth, { method: 'GET' }, [200])) as unknown as {
        servers: Array<{ id: string }>;
      }
    ).servers;
  for (const s of await list()) {
    await call(`${api}/servers/${s.id}`, auth, { method: 'DELETE' }, [204, 404]);
  }
  const deadline = Date.now() + 300_000;
  while ((await list()).length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
  }
}
