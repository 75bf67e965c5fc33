#!/usr/bin/env node
// Measures the dashboard against a running cloud: each page's server response time (the
// whole streamed HTML, every Suspense panel included) and each page's first-load
// JavaScript (the <script> chunks the HTML loads, gzip-compressed as the server sends them).
//
//   node apps/dashboard/scripts/perf.mjs --dashboard http://127.0.0.1:3000 \
//        --identity http://127.0.0.1:5000 --object-store http://127.0.0.1:8080 \
//        --image http://127.0.0.1:9292 --password ADMIN_PASSWORD [--seed] [--runs 20]
//
// --seed first fills the admin project with 1,000 objects in one container and 100 images
// (through the services' REST APIs). Instances are counted as they are: compute has no
// fake driver, so this script does not launch 100 guests.
import { gzipSync } from 'node:zlib';

function args(argv) {
  const o = { runs: 20, seed: false, user: 'admin', project: 'admin' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (k === 'seed') {
      o.seed = true;
    } else {
      o[k.replace(/-(.)/g, (_, c) => c.toUpperCase())] = argv[++i];
    }
  }
  o.runs = Number(o.runs);
  return o;
}

async function token(o) {
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: o.user, domain: { name: 'Default' }, password: o.password } },
      },
      scope: { project: { name: o.project, domain: { name: 'Default' } } },
    },
  };
  const res = await fetch(`${o.identity}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) {
    throw new Error(`login failed: ${res.status} ${await res.text()}`);
  }
  const info = await res.json();
  return { token: res.headers.get('x-subject-token'), projectId: info.token.project.id };
}

async function pool(n, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        await fn(next++);
      }
    }),
  );
}

async function seed(o, t) {
  const acct = `${o.objectStore}/v1/AUTH_${t.projectId}`;
  const h = { 'x-auth-token': t.token };
  await fetch(`${acct}/perf`, { method: 'PUT', headers: h });
  await pool(1000, 16, async (i) => {
    const name = `dir${String(i % 10).padStart(2, '0')}/object-${String(i).padStart(4, '0')}.txt`;
    const r = await fetch(`${acct}/perf/${name}`, {
      method: 'PUT',
      headers: { ...h, 'content-type': 'text/plain' },
      body: `object ${i}\n`,
    });
    if (r.status !== 201) {
      throw new Error(`PUT ${name}: ${r.status}`);
    }
  });
  await pool(100, 8, async (i) => {
    const r = await fetch(`${o.image}/v2/images`, {
      method: 'POST',
      headers: { ...h, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `perf-image-${i}`,
        disk_format: 'qcow2',
        container_format: 'bare',
      }),
    });
    if (r.status !== 201) {
      throw new Error(`create image ${i}: ${r.status}`);
    }
  });
  console.log('seeded: 1,000 objects in container "perf" (10 pseudo-folders), 100 images');
}

const pct = (xs, p) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timePage(o, cookie, path) {
  const times = [];
  let html = '';
  for (let i = 0; i < o.runs + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(`${o.dashboard}${path}`, { headers: { cookie }, redirect: 'manual' });
    html = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) {
      throw new Error(`${path}: HTTP ${res.status}`);
    }
    if (i >= 2) {
      times.push(ms); // the first two warm the route up
    }
  }
  return { html, median: pct(times, 50), p95: pct(times, 95), max: Math.max(...times) };
}

const chunkCache = new Map();
async function firstLoadJs(o, html) {
  // modern browsers skip `noModule` scripts (the legacy polyfills), so they are not counted
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => !/\snoModule/i.test(t));
  const srcs = [...new Set(tags.map((t) => /src="([^"]+\.js[^"]*)"/.exec(t)?.[1]).filter(Boolean))];
  let gz = 0;
  let raw = 0;
  for (const src of srcs) {
    if (!chunkCache.has(src)) {
      const res = await fetch(new URL(src, o.dashboard), {
        headers: { 'accept-encoding': 'identity' },
      });
      const body = Buffer.from(await res.arrayBuffer());
      chunkCache.set(src, { raw: body.length, gz: gzipSync(body, { level: 6 }).length });
    }
    const c = chunkCache.get(src);
    raw += c.raw;
    gz += c.gz;
  }
  return { chunks: srcs.length, raw, gz };
}

const o = args(process.argv.slice(2));
const t = await token(o);
if (o.seed) {
  await seed(o, t);
}
const cookie = `tinystack-session=${t.token}`;
const p = `/projects/${t.projectId}`;
const pages = [
  ['Login', '/login', ''],
  ['Overview', p],
  ['Instances', `${p}/compute/instances`],
  ['Images', `${p}/images`],
  ['Object storage', `${p}/storage`],
  ['Container (1,000 objects, by folder)', `${p}/storage/perf`],
  ['Pseudo-folder (100 objects)', `${p}/storage/perf?prefix=dir03%2F`],
  ['Role assignments', `${p}/admin/assignments`],
  ['Profile', '/account'],
];
console.log(
  `\n${o.runs} runs per page after 2 warm-up requests; times are the whole streamed response.\n`,
);
console.log(
  'page'.padEnd(40),
  'median ms'.padStart(10),
  'p95 ms'.padStart(8),
  'max ms'.padStart(8),
  '  first-load JS (gzip / raw, chunks)',
);
for (const [name, path, c] of pages) {
  const r = await timePage(o, c ?? cookie, path);
  const js = await firstLoadJs(o, r.html);
  console.log(
    name.padEnd(40),
    r.median.toFixed(1).padStart(10),
    r.p95.toFixed(1).padStart(8),
    r.max.toFixed(1).padStart(8),
    `  ${(js.gz / 1024).toFixed(1)} kB / ${(js.raw / 1024).toFixed(1)} kB, ${js.chunks}`,
  );
}
