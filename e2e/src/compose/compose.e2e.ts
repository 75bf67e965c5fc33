// deploy/docker-compose.yml for real: the whole cloud as containers on PostgreSQL and an S3
// server, with two compute agents (two hypervisor hosts, each its own libvirtd), driven by
// the real openstack CLI on the published 127.0.0.1 ports. Identity, image and object
// storage scenarios, a server on each agent, service restarts, an agent stopped and
// started, `down` + `up` keeping every record, a backup restored into an empty stack, and
// `down -v`.
//
// Needs a Docker engine (`docker info`) and /dev/kvm; skips with the reason otherwise.
// Base images missing (no registry here): ../shared/docker/prepare-base-images.sh builds
// local stand-ins first. Unique project name and free ports: it never touches another stack.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootSectorImage, GUEST_LINE, waitForConsoleLine, waitForStatus, type ServerRow } from '../compute/compute.fixtures.js';
import { freePorts, openstack } from '../harness/index.js';
import { ComposeProject, dockerSkipReason, memoryOf, must, prepareBaseImages } from './compose.fixtures.js';

type OsEnv = Readonly<Record<string, string>>;

const skipReason =
  process.env['TINYSTACK_E2E_COMPOSE'] === '0'
    ? 'TINYSTACK_E2E_COMPOSE=0'
    : (dockerSkipReason() ?? (existsSync('/dev/kvm') ? null : 'no /dev/kvm to pass to the compute agents'));
if (skipReason) {
  // one clear line in the test output (and CI's log): what did not run, and why
  console.log(`# SKIPPED compose e2e (deploy/docker-compose.yml): ${skipReason}`);
  // counted as skipped by the runner's summary too
  test('docker compose e2e', { skip: skipReason }, () => undefined);
}

const ADMIN_PASSWORD = 'e2e-Compose-Admin-1';
const AGENTS = ['compute-agent-1', 'compute-agent-2'] as const;
const HOSTS = ['e2e-host-1', 'e2e-host-2'] as const;

/** What the run measured, printed at the end. */
const figures: string[] = [];
const note = (msg: string) => {
  figures.push(msg);
  console.log(`# ${msg}`);
};
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

describe('docker compose: the whole cloud in containers', { skip: skipReason ?? false }, () => {
  let project: ComposeProject;
  let services: string[];
  let work: string;
  let admin: OsEnv;
  let alice: OsEnv;
  let ports: Record<string, number>;
  const objectBytes = randomBytes(200_000);
  let imageFile: string;
  const servers: Record<string, ServerRow> = {};

  const waitAll = (timeoutMs = 300_000) => project.waitHealthy(services, timeoutMs);

  before(
    async () => {
      await prepareBaseImages(note);
      imageFile = await bootSectorImage();
      work = mkdtempSync(join(tmpdir(), 'tinystack-compose-e2e-'));
      const [identity, objectStore, image, compute, computeGrpc, dashboard, postgres, minio] = await freePorts(8);
      ports = {
        IDENTITY_PORT: identity,
        OBJECT_STORE_PORT: objectStore,
        IMAGE_PORT: image,
        COMPUTE_PORT: compute,
        COMPUTE_GRPC_PORT: computeGrpc,
        DASHBOARD_PORT: dashboard,
        POSTGRES_PORT: postgres,
        MINIO_PORT: minio,
      };
      project = new ComposeProject(`tse2e${process.pid}`, {
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
        TINYSTACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
        TINYSTACK_SERVICE_PASSWORD: 'e2e-compose-service',
        POSTGRES_PASSWORD: 'e2e-compose-postgres',
        S3_SECRET_KEY: 'e2e-compose-s3-secret',
        AGENT1_HOST_NAME: HOSTS[0],
        AGENT2_HOST_NAME: HOSTS[1],
        // the boot sector ignores ACPI: do not wait a minute on every stop
        COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '3s',
        // a stopped agent is down after 30 s without a heartbeat (Nova's default is 60 s)
        COMPUTE_AGENT_DOWN_AFTER: '30s',
        COMPUTE_HEARTBEAT_INTERVAL: '5s',
        TINYSTACK_LOG_LEVEL: process.env['TINYSTACK_LOG_LEVEL'] ?? 'info',
      });
      services = await project.services();
      const started = Date.now();
      await project.buildImages();
      note(`images built (cached layers reused): ${seconds(started)}`);
      await project.compose(['up', '-d', '--build'], 1_800_000);
      await waitAll(600_000);
      note(`build + up --build to all ${services.length} services healthy: ${seconds(started)}`);
      admin = {
        OS_AUTH_URL: `http://127.0.0.1:${ports['IDENTITY_PORT']}/v3`,
        OS_IDENTITY_API_VERSION: '3',
        OS_USERNAME: 'admin',
        OS_PASSWORD: ADMIN_PASSWORD,
        OS_PROJECT_NAME: 'admin',
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PROJECT_DOMAIN_NAME: 'Default',
        OS_REGION_NAME: 'RegionOne',
        OS_INTERFACE: 'public',
      };
      alice = { ...admin, OS_USERNAME: 'alice', OS_PASSWORD: 'alice-Passw0rd-1', OS_PROJECT_NAME: 'demo' };
    },
    { timeout: 2_400_000 },
  );

  after(
    async () => {
      if (project) {
        if (process.env['TINYSTACK_E2E_KEEP'] === '1') {
          console.log(`# TINYSTACK_E2E_KEEP=1: left project ${project.name} running (docker compose -p ${project.name} down -v)`);
        } else {
          await project.tryCompose(['down', '-v', '--remove-orphans'], 300_000);
        }
      }
      if (work) {
        rmSync(work, { recursive: true, force: true });
      }
      if (figures.length > 0) {
        console.log(`# compose e2e figures:\n#   ${figures.join('\n#   ')}`);
      }
    },
    { timeout: 300_000 },
  );

  test('token issue; the catalog points at the published ports', async () => {
    const token = await openstack<{ id: string; project_id: string }>(['token', 'issue'], admin);
    assert.ok(token.id.length > 20);
    const catalog = await openstack<Array<{ Type: string; Endpoints: unknown }>>(['catalog', 'list'], admin);
    const text = JSON.stringify(catalog);
    for (const [type, port] of [
      ['identity', ports['IDENTITY_PORT']],
      ['image', ports['IMAGE_PORT']],
      ['object-store', ports['OBJECT_STORE_PORT']],
      ['compute', ports['COMPUTE_PORT']],
    ] as const) {
      assert.ok(catalog.some((c) => c.Type === type), `${type} in ${text}`);
      assert.ok(text.includes(`127.0.0.1:${port}`), `port ${port} of ${type} in ${text}`);
    }
  });

  test('project, user and role; the user logs in', async () => {
    await openstack(['project', 'create', 'demo'], admin);
    await openstack(['user', 'create', '--password', alice['OS_PASSWORD'], 'alice'], admin);
    await openstack(['role', 'add', '--project', 'demo', '--user', 'alice', 'member'], admin);
    const token = await openstack<{ user_id: string; project_id: string }>(['token', 'issue'], alice);
    assert.ok(token.project_id);
  });

  test('image create from a file; its bytes come back (image bytes in the object store on S3)', async () => {
    const image = await openstack<{ id: string }>(
      ['image', 'create', '--file', imageFile, '--disk-format', 'raw', '--container-format', 'bare', '--public', 'bootsector'],
      admin,
    );
    const shown = await openstack<{ status: string }>(['image', 'show', image.id], admin);
    assert.equal(shown.status, 'active');
    await assertImageBytes();
  });

  test('container and object create; the object downloads intact', async () => {
    const file = join(work, 'hello.bin');
    writeFileSync(file, objectBytes);
    await openstack(['container', 'create', 'backups'], alice);
    await openstack(['object', 'create', '--name', 'hello.bin', 'backups', file], alice);
    await assertObjectBytes();
  });

  test('a server on each agent: os-hypervisors lists both hosts, the scheduler spreads', async () => {
    const hypervisors = await openstack<Array<{ 'Hypervisor Hostname': string; State: string }>>(['hypervisor', 'list'], admin);
    const names = hypervisors.map((h) => h['Hypervisor Hostname']).sort();
    assert.deepEqual(names, [...HOSTS], JSON.stringify(hypervisors));
    assert.ok(hypervisors.every((h) => h.State === 'up'), JSON.stringify(hypervisors));
    await openstack(['flavor', 'create', '--ram', '64', '--disk', '1', '--vcpus', '1', 'e2e.tiny'], admin);
    for (const name of ['vm-a', 'vm-b']) {
      servers[name] = await openstack<ServerRow>(['server', 'create', '--flavor', 'e2e.tiny', '--image', 'bootsector', '--wait', name], admin);
      assert.equal(servers[name].status, 'ACTIVE');
    }
    const hosts = ['vm-a', 'vm-b'].map((n) => String(servers[n]['OS-EXT-SRV-ATTR:host'])).sort();
    assert.deepEqual(hosts, [...HOSTS], 'one server on each host');
    for (const name of ['vm-a', 'vm-b']) {
      await waitForConsoleLine(admin, servers[name].id, GUEST_LINE);
    }
    const mem = await memoryOf(project);
    note(`memory of the stack with two tiny guests: ${mem.totalMiB} MiB (${mem.lines.join('; ')})`);
  });

  test('restarting identity, object-store, image and compute loses nothing and stops no guest', async () => {
    for (const svc of ['identity', 'object-store', 'image', 'compute']) {
      const started = Date.now();
      await project.compose(['restart', svc]);
      await waitAll();
      note(`restart ${svc} to healthy: ${seconds(started)}`);
    }
    await openstack(['token', 'issue'], alice);
    await assertObjectBytes();
    await assertImageBytes();
    for (const name of ['vm-a', 'vm-b']) {
      const row = await openstack<ServerRow>(['server', 'show', servers[name].id], admin);
      assert.equal(row.status, 'ACTIVE', `${name} still runs`);
    }
    // the guests really ran on: their QEMU processes are the ones started before
    for (const agent of AGENTS) {
      // (no ps in the slim image: count the processes by /proc/<pid>/comm)
      const ps = await project.compose(['exec', '-T', agent, 'sh', '-c', 'cat /proc/[0-9]*/comm 2>/dev/null | grep -c ^qemu-system || true']);
      assert.equal(ps.trim(), '1', `one QEMU process in ${agent}`);
    }
  });

  test('an agent stopped: its host is down within a minute, new servers go to the other; back, its server shows its real state', async () => {
    const onTwo = Object.values(servers).find((s) => s['OS-EXT-SRV-ATTR:host'] === HOSTS[1])!;
    const stopped = Date.now();
    await project.compose(['stop', AGENTS[1]]);
    let state = '';
    while (Date.now() - stopped < 60_000) {
      const list = await openstack<Array<{ Host: string; State: string; Binary: string }>>(['compute', 'service', 'list'], admin);
      state = list.find((s) => s.Host === HOSTS[1])?.State ?? 'missing';
      if (state === 'down') {
        break;
      }
      await sleep(2000);
    }
    assert.equal(state, 'down', `${HOSTS[1]} down within a minute of its agent stopping`);
    note(`agent stopped to its host down in compute service list: ${seconds(stopped)}`);
    const hv = await openstack<Array<{ 'Hypervisor Hostname': string; State: string }>>(['hypervisor', 'list'], admin);
    assert.equal(hv.find((h) => h['Hypervisor Hostname'] === HOSTS[1])?.State, 'down');
    servers['vm-c'] = await openstack<ServerRow>(['server', 'create', '--flavor', 'e2e.tiny', '--image', 'bootsector', '--wait', 'vm-c'], admin);
    assert.equal(servers['vm-c']['OS-EXT-SRV-ATTR:host'], HOSTS[0], 'the new server went to the host that is up');

    await project.compose(['start', AGENTS[1]]);
    await waitAll();
    // its guest died with the container: the record follows the real state
    await waitForStatus(admin, onTwo.id, 'SHUTOFF');
    await openstack(['server', 'start', onTwo.id], admin);
    await waitForStatus(admin, onTwo.id, 'ACTIVE');
    const list = await openstack<Array<{ Host: string; State: string }>>(['compute', 'service', 'list'], admin);
    assert.equal(list.find((s) => s.Host === HOSTS[1])?.State, 'up');
  });

  test('down, then up: every user, image, object and server record is kept', async () => {
    const before = await openstack<Array<{ ID: string }>>(['server', 'list', '--all-projects'], admin);
    await project.compose(['down']);
    const started = Date.now();
    await project.compose(['up', '-d']);
    await waitAll();
    note(`warm up (images built, volumes kept) to all healthy: ${seconds(started)}`);
    const idle = await memoryOf(project);
    note(`idle memory of the whole stack (guests stopped): ${idle.totalMiB} MiB`);
    await openstack(['token', 'issue'], alice);
    await assertObjectBytes();
    await assertImageBytes();
    const afterwards = await openstack<Array<{ ID: string; Status: string }>>(['server', 'list', '--all-projects'], admin);
    assert.deepEqual(afterwards.map((s) => s.ID).sort(), before.map((s) => s.ID).sort());
    const hv = await openstack<Array<{ 'Hypervisor Hostname': string }>>(['hypervisor', 'list'], admin);
    assert.equal(hv.length, 2);
    // guests ran inside the agent containers, which `down` removed: each shows SHUTOFF
    for (const s of afterwards) {
      await waitForStatus(admin, s.ID, 'SHUTOFF');
    }
  });

  test('backup (pg_dump of every database + the S3 volume), down -v, restore into the empty stack', async () => {
    const dbs = ['identity', 'object_store', 'image', 'compute'];
    const minioVolume = `${project.name}_minio-data`;
    // 1. back up: the databases while the stack runs, the S3 volume with MinIO stopped
    for (const db of dbs) {
      const dump = await must('docker', ['exec', await project.containerOf('postgres'), 'sh', '-c', `pg_dump -U "$POSTGRES_USER" -Fc ${db} | base64 -w0`], {
        timeoutMs: 120_000,
      });
      writeFileSync(join(work, `${db}.dump`), Buffer.from(dump.trim(), 'base64'));
    }
    await project.compose(['stop', 'minio']);
    await must('docker', ['run', '--rm', '-v', `${minioVolume}:/data:ro`, '-v', `${work}:/backup`, 'debian:bookworm-slim', 'tar', '-C', '/data', '-czf', '/backup/minio-data.tgz', '.']);
    await project.compose(['start', 'minio']);

    // 2. everything gone
    await project.compose(['down', '-v']);
    assert.deepEqual(await project.volumes(), [], 'down -v removed every volume');

    // 3. restore: PostgreSQL and S3 first, then the services on the restored state
    await project.compose(['up', '-d', 'postgres']);
    await project.waitHealthy(['postgres'], 120_000);
    await project.compose(['create', 'minio']);
    await must('docker', ['run', '--rm', '-v', `${minioVolume}:/data`, '-v', `${work}:/backup:ro`, 'debian:bookworm-slim', 'tar', '-C', '/data', '-xzf', '/backup/minio-data.tgz']);
    const pg = await project.containerOf('postgres');
    for (const db of dbs) {
      await must('docker', ['exec', '-i', pg, 'sh', '-c', `base64 -d > /tmp/${db}.dump && pg_restore -U "$POSTGRES_USER" -d ${db} --no-owner --exit-on-error /tmp/${db}.dump`], {
        input: readFileSync(join(work, `${db}.dump`)).toString('base64'),
        timeoutMs: 120_000,
      });
    }
    const started = Date.now();
    await project.compose(['up', '-d']);
    await waitAll();
    note(`restored stack up: ${seconds(started)}`);
    await openstack(['token', 'issue'], alice);
    await assertObjectBytes();
    await assertImageBytes();
    const list = await openstack<Array<{ ID: string }>>(['server', 'list', '--all-projects'], admin);
    assert.equal(list.length, 3, 'the server records came back with the compute database');
  });

  test('down -v: nothing of the stack is left', async () => {
    await project.compose(['down', '-v']);
    assert.deepEqual(await project.volumes(), []);
    assert.equal((await project.tryCompose(['ps', '-q'])).stdout.trim(), '');
  });

  async function assertObjectBytes(): Promise<void> {
    const out = join(work, `hello.${Date.now()}.out`);
    await openstack(['object', 'save', '--file', out, 'backups', 'hello.bin'], alice);
    assert.ok(readFileSync(out).equals(objectBytes), 'the object bytes');
  }

  async function assertImageBytes(): Promise<void> {
    const out = join(work, `image.${Date.now()}.out`);
    await openstack(['image', 'save', '--file', out, 'bootsector'], admin);
    assert.ok(readFileSync(out).equals(readFileSync(imageFile)), 'the image bytes');
  }
});
