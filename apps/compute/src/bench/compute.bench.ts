// npm run bench -- compute: boots of real guests through a whole cloud (`tinystack up`, the
// real compute agent, KVM or TCG) and server listings.
//   - POST /servers to ACTIVE and to the guest's first console line, cached base image, p50 of 20
//   - 10 concurrent boots: wall time until all are ACTIVE
//   - GET /servers/detail over 1,000 servers (compute in process, SQLite)
// Targets (docs/compute.md): ACTIVE under 1.5 s p50; listing 1,000 servers under 150 ms.
import 'reflect-metadata';
import { cp } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { startBenchCloud } from './bench-cloud.js';
import { concurrentBoots, percentile, prepareBoots, sequentialBoots } from './guest-boots.js';
import { benchListing } from './server-listing.js';

const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;

process.stdout.write(`compute bench: ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

const listing = await benchListing();
for (const [label, r] of Object.entries(listing)) {
  process.stdout.write(`${label.padEnd(30)} 1000 servers   p50 ${ms(r.p50)}   p99 ${ms(r.p99)}\n`);
}

const cloud = await startBenchCloud();
try {
  const { api, imageId } = await prepareBoots(cloud);
  const times = await sequentialBoots(api, imageId);
  const active = times.map((t) => t.active);
  const line = times.map((t) => t.consoleLine);
  process.stdout.write(`POST /servers -> ACTIVE          p50 ${ms(percentile(active, 50))}   p90 ${ms(percentile(active, 90))}   (${times.length} boots)\n`);
  process.stdout.write(`POST /servers -> console line    p50 ${ms(percentile(line, 50))}   p90 ${ms(percentile(line, 90))}\n`);
  const together = await concurrentBoots(api, imageId);
  process.stdout.write(`10 concurrent boots -> all ACTIVE    ${ms(together.wallMs)}${together.failed.length ? `   (${together.failed.length} failed: ${together.failed[0]})` : ''}\n`);
  if (together.failed.length > 0) {
    await cp(cloud.logsDir, '/tmp/compute-bench-logs', { recursive: true }).catch(() => undefined);
  }
} catch (err) {
  await cp(cloud.logsDir, '/tmp/compute-bench-logs', { recursive: true }).catch(() => undefined);
  throw err;
} finally {
  await cloud.stop();
}
