// Medium tier: `reset` against a temp project root whose compute-agent purge entry is a tiny
// script that records how it was run, and a real data directory.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { loadCliConfig, type CliConfig } from '../cli.config.js';
import { SERVICES } from '../services.js';
import type { Io } from './io.js';
import { resetCommand } from './reset.command.js';

const FAKE_PURGE = `
import { existsSync, writeFileSync } from 'node:fs';
const env = process.env;
writeFileSync(env.FAKE_RECORD, JSON.stringify({
  dataDirExisted: existsSync(env.TINYSTACK_DATA_DIR),
  TINYSTACK_DATA_DIR: env.TINYSTACK_DATA_DIR,
  COMPUTE_AGENT_GRPC_PORT: env.COMPUTE_AGENT_GRPC_PORT,
  COMPUTE_GRPC_URL: env.COMPUTE_GRPC_URL,
  IDENTITY_GRPC_URL: env.IDENTITY_GRPC_URL,
}));
console.log('removed guest 6f1c0a52-0000-4000-8000-000000000001');
console.log('removed router namespace tsr-abcdef-0123456789a');
if (env.FAKE_FAIL) { console.log('left: bridges still in use: tsn-0123456789a'); console.error('boom'); process.exit(1); }
`;

let root = '';
let cleanup = () => {};
let out: string[] = [];
let err: string[] = [];
const io: Io = {
  out: (l) => out.push(l),
  err: (l) => err.push(l),
  isInteractive: false,
  ask: () => Promise.reject(new Error('not interactive')),
};

beforeEach(() => {
  ({ path: root, cleanup } = tempDir('tinystack-reset-'));
  out = [];
  err = [];
});

afterEach(() => {
  delete process.env.FAKE_RECORD;
  delete process.env.FAKE_FAIL;
  cleanup();
});

function setup(opts: { built: boolean; services?: string }): { cfg: CliConfig; dataDir: string; record: string } {
  // every service built: reset purges only what `up` would run
  for (const def of SERVICES) {
    mkdirSync(dirname(join(root, def.entry)), { recursive: true });
    writeFileSync(join(root, def.entry), '');
  }
  if (opts.built) {
    mkdirSync(join(root, 'apps', 'compute-agent', 'dist'), { recursive: true });
    writeFileSync(join(root, 'apps', 'compute-agent', 'dist', 'purge.js'), FAKE_PURGE);
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  }
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const record = join(root, 'record.json');
  // the purge inherits the CLI's environment, as up's services do
  process.env.FAKE_RECORD = record;
  const cfg = loadCliConfig(
    { TINYSTACK_DATA_DIR: dataDir, COMPUTE_AGENT_GRPC_PORT: '51555', ...(opts.services ? { TINYSTACK_SERVICES: opts.services } : {}) },
    join(root, 'project'),
  );
  return { cfg: { ...cfg, root }, dataDir, record };
}

test("reset runs the compute agent's purge with up's environment before deleting the data directory", async () => {
  const { cfg, dataDir, record } = setup({ built: true });
  assert.equal(await resetCommand(cfg, io, { yes: true }), 0);
  const ran = JSON.parse(readFileSync(record, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(ran, {
    dataDirExisted: true,
    TINYSTACK_DATA_DIR: dataDir,
    COMPUTE_AGENT_GRPC_PORT: '51555',
    COMPUTE_GRPC_URL: '127.0.0.1:50054',
    IDENTITY_GRPC_URL: '127.0.0.1:50051',
  });
  assert.ok(out.includes('tinystack: compute-agent: removed guest 6f1c0a52-0000-4000-8000-000000000001'), out.join('\n'));
  assert.ok(out.includes('tinystack: compute-agent: removed router namespace tsr-abcdef-0123456789a'));
  assert.equal(existsSync(dataDir), false);
  assert.deepEqual(err, []);
});

test('a failed purge is reported with what it left; the data directory still goes and reset exits 1', async () => {
  const { cfg, dataDir } = setup({ built: true });
  process.env.FAKE_FAIL = '1';
  assert.equal(await resetCommand(cfg, io, { yes: true }), 1);
  assert.ok(err.includes('tinystack: compute-agent: left: bridges still in use: tsn-0123456789a'), err.join('\n'));
  assert.ok(err.some((l) => l.includes('purge failed (exit 1)')));
  assert.ok(err.some((l) => l.includes('its purge failed')));
  assert.equal(existsSync(dataDir), false);
});

test('the purge also runs when the data directory is already gone', async () => {
  const { cfg, dataDir, record } = setup({ built: true });
  rmSync(dataDir, { recursive: true }); // deleted by hand
  assert.equal(await resetCommand(cfg, io, { yes: true }), 0);
  assert.equal((JSON.parse(readFileSync(record, 'utf8')) as { dataDirExisted: boolean }).dataDirExisted, false);
  assert.ok(out.some((l) => l.includes('nothing to reset')));
});

test('without a built purge, reset says so and deletes the data directory', async () => {
  const { cfg, dataDir, record } = setup({ built: false });
  assert.equal(await resetCommand(cfg, io, { yes: true }), 0);
  assert.ok(out.includes('tinystack: compute-agent: apps/compute-agent/dist/purge.js is not built'), out.join('\n'));
  assert.equal(existsSync(record), false);
  assert.equal(existsSync(dataDir), false);
});

test('a cloud that runs no compute agent (TINYSTACK_SERVICES) gets no purge: host networking it never made is not its to remove', async () => {
  const { cfg, dataDir, record } = setup({ built: true, services: 'identity,object-store' });
  assert.equal(await resetCommand(cfg, io, { yes: true }), 0);
  assert.equal(existsSync(record), false, 'the purge did not run');
  assert.ok(!out.some((l) => l.includes('compute-agent')), out.join('\n'));
  assert.equal(existsSync(dataDir), false);
});
