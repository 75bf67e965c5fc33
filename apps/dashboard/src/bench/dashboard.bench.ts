// npm run bench -- dashboard [--instances=100] [--images=100] [--objects=1000] [--runs=20]
//
// A whole cloud (`tinystack up`: every service, the real compute agent) seeded with
// --instances real guests (the boot-sector test image from libs/hypervisor on a 64 MiB
// flavor, booted through compute's API ten at a time and waited for until ACTIVE: no fake
// rows), --images active images (4 KiB each) and --objects objects in one container. Then
// each dashboard page is fetched --runs times in a row over loopback with the admin's
// session cookie: p50 / p90 / max of the whole streamed response (every Suspense panel),
// and the first-load JavaScript each page makes the browser fetch, gzip-compressed (Next.js
// 16's build no longer prints per-route sizes, so they are measured from the served HTML).
// Target (issue 6): every page under 200 ms; first-load JS under 250 kB compressed.
// Smaller seeds for a quick check: --instances=3 --images=5 --objects=50 --runs=3.
import { cpus, loadavg } from 'node:os';
import { adminToken, startCloud, type Cloud } from './bench-cloud.ts';
import { firstLoadJs, timePage } from './page-timing.ts';
import { deleteInstances, seed, type SeedSize } from './seed.ts';

function flags(argv: readonly string[]): SeedSize & { runs: number } {
  const o = { instances: 100, images: 100, objects: 1000, runs: 20 };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = (argv[i] ?? '').replace(/^--/, '').split('=') as [keyof typeof o, string?];
    if (k in o) {
      o[k] = Number(v ?? argv[++i]);
    }
  }
  return o;
}

async function firstId(url: string, token: string, key: string): Promise<string> {
  const body = (await (await fetch(url, { headers: { 'x-auth-token': token } })).json()) as Record<
    string,
    Array<{ id: string }>
  >;
  return body[key]?.[0]?.id ?? 'none';
}

async function pages(
  cloud: Cloud,
  token: string,
  projectId: string,
): Promise<Array<[string, string]>> {
  const group = await fetch(`${cloud.url.identity}/v3/groups`, {
    method: 'POST',
    headers: { 'x-auth-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ group: { name: 'bench-group' } }),
  });
  const groupId = ((await group.json()) as { group: { id: string } }).group.id;
  const serverId = await firstId(`${cloud.url.compute}/v2.1/servers`, token, 'servers');
  const imageId = await firstId(`${cloud.url.image}/v2/images`, token, 'images');
  const p = `/projects/${projectId}`;
  return [
    ['/login (no session)', '/login'],
    ['overview', p],
    ['instances', `${p}/compute/instances`],
    ['instance', `${p}/compute/instances/${serverId}`],
    ['key pairs', `${p}/compute/keypairs`],
    ['images', `${p}/images`],
    ['image', `${p}/images/${imageId}`],
    ['networks', `${p}/network/networks`],
    ['floating IPs', `${p}/network/floating-ips`],
    ['object storage', `${p}/storage`],
    ['container (by folder)', `${p}/storage/bench`],
    ['pseudo-folder', `${p}/storage/bench?prefix=dir03%2F`],
    ['admin: flavors', `${p}/admin/flavors`],
    ['admin: projects', `${p}/admin/projects`],
    ['admin: project', `${p}/admin/projects/${projectId}`],
    ['admin: users', `${p}/admin/users`],
    ['admin: groups', `${p}/admin/groups`],
    ['admin: group', `${p}/admin/groups/${groupId}`],
    ['admin: roles', `${p}/admin/roles`],
    ['admin: role assignments', `${p}/admin/assignments`],
    ['profile', '/account'],
    ['application credentials', '/account/credentials'],
    ['password', '/account/password'],
  ];
}

const o = flags(process.argv.slice(2));
console.log(
  `dashboard bench: ${cpus().length} CPUs, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const cloud = await startCloud();
try {
  const auth = await adminToken(cloud.url.identity);
  await seed(cloud, auth, o);
  const cookie = `tinystack-session=${auth.token}`;
  console.log(
    `\n${o.runs} sequential GETs per page after 2 warm-ups; ms to the last byte of the HTML\n`,
  );
  console.log(
    `${'page'.padEnd(26)}${'p50'.padStart(8)}${'p90'.padStart(8)}${'max'.padStart(8)}   first-load JS gzip (raw, chunks)`,
  );
  let slowest = 0;
  let heaviest = 0;
  for (const [name, path] of await pages(cloud, auth.token, auth.projectId)) {
    const t = await timePage(
      cloud.url.dashboard,
      path,
      path === '/login' ? undefined : cookie,
      o.runs,
    );
    const js = await firstLoadJs(cloud.url.dashboard, t.html);
    slowest = Math.max(slowest, t.p90);
    heaviest = Math.max(heaviest, js.gz);
    const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
    console.log(
      `${name.padEnd(26)}${t.p50.toFixed(1).padStart(8)}${t.p90.toFixed(1).padStart(8)}${t.max.toFixed(1).padStart(8)}   ${kb(js.gz).padStart(9)} (${kb(js.raw)}, ${js.count})`,
    );
  }
  console.log(
    `\nslowest p90 ${slowest.toFixed(1)} ms (target < 200 ms); heaviest first load ${(heaviest / 1024).toFixed(1)} kB gzip (target < 250 kB)`,
  );
} finally {
  // the guests are libvirt domains: delete them through compute before the cloud goes
  await adminToken(cloud.url.identity)
    .then((auth) => deleteInstances(cloud, auth))
    .catch((err: unknown) => console.error('could not delete the guests:', err));
  await cloud.stop();
}
