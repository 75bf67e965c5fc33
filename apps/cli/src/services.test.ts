import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCliConfig } from './cli.config.js';
import { envContext } from './launch.plan.js';
import { SERVICES, serviceEnv, type ServiceDefinition, type ServiceName } from './services.js';

const byName = (name: ServiceName) => SERVICES.find((d) => d.name === name) as ServiceDefinition;

function ctxFor(env: Record<string, string>, started: ServiceName[] = ['identity']) {
  const cfg = loadCliConfig({ TINYSTACK_DATA_DIR: '/srv/ts', ...env }, '/repo');
  return envContext(cfg, { admin: 'adm1n', service: 'svc-pw' }, started.map(byName));
}

test('identity gets the documented variables, with default ports', () => {
  assert.deepEqual(serviceEnv(byName('identity'), ctxFor({})), {
    TINYSTACK_BIND_HOST: '127.0.0.1',
    TINYSTACK_DATA_DIR: '/srv/ts',
    TINYSTACK_LOG_LEVEL: 'info',
    TINYSTACK_SERVICE_PASSWORD: 'svc-pw',
    TINYSTACK_ADMIN_PASSWORD: 'adm1n',
    IDENTITY_HTTP_PORT: '5000',
    IDENTITY_GRPC_PORT: '50051',
    IDENTITY_PUBLIC_URL: 'http://127.0.0.1:5000',
    CATALOG_IMAGE_URL: 'http://127.0.0.1:9292',
    CATALOG_OBJECT_STORE_URL: 'http://127.0.0.1:8080/v1/AUTH_$(project_id)s',
    CATALOG_COMPUTE_URL: 'http://127.0.0.1:8774/v2.1',
  });
});

test('catalog URLs and identity URLs follow the ports chosen in the environment', () => {
  const env = serviceEnv(
    byName('identity'),
    ctxFor({
      IDENTITY_HTTP_PORT: '15000',
      IDENTITY_GRPC_PORT: '15051',
      IMAGE_HTTP_PORT: '19292',
      OBJECT_STORE_HTTP_PORT: '18080',
      COMPUTE_HTTP_PORT: '18774',
      TINYSTACK_LOG_LEVEL: 'debug',
    }),
  );
  assert.equal(env.IDENTITY_HTTP_PORT, '15000');
  assert.equal(env.IDENTITY_GRPC_PORT, '15051');
  assert.equal(env.IDENTITY_PUBLIC_URL, 'http://127.0.0.1:15000');
  assert.equal(env.CATALOG_IMAGE_URL, 'http://127.0.0.1:19292');
  assert.equal(env.CATALOG_OBJECT_STORE_URL, 'http://127.0.0.1:18080/v1/AUTH_$(project_id)s');
  assert.equal(env.CATALOG_COMPUTE_URL, 'http://127.0.0.1:18774/v2.1');
  assert.equal(env.TINYSTACK_LOG_LEVEL, 'debug');
});

test('identity lists network in the catalog only when network is started', () => {
  assert.equal(serviceEnv(byName('identity'), ctxFor({})).CATALOG_NETWORK_URL, undefined);
  const ctx = ctxFor({ NETWORK_HTTP_PORT: '19696' }, ['identity', 'network']);
  assert.equal(serviceEnv(byName('identity'), ctx).CATALOG_NETWORK_URL, 'http://127.0.0.1:19696');
});

test('every other service gets IDENTITY_GRPC_URL and never the admin password', () => {
  const ctx = ctxFor({ IDENTITY_GRPC_PORT: '15051' });
  for (const def of SERVICES.filter((d) => d.name !== 'identity')) {
    const env = serviceEnv(def, ctx);
    assert.equal(env.IDENTITY_GRPC_URL, '127.0.0.1:15051', def.name);
    assert.equal(env.TINYSTACK_SERVICE_PASSWORD, 'svc-pw', def.name);
    assert.equal(env.TINYSTACK_ADMIN_PASSWORD, undefined, def.name);
  }
});

test('image, compute and compute-agent are told where their peers are', () => {
  const ctx = ctxFor({
    OBJECT_STORE_GRPC_PORT: '15053',
    COMPUTE_GRPC_PORT: '15054',
    COMPUTE_AGENT_GRPC_PORT: '15055',
    COMPUTE_AGENT_HTTP_PORT: '18775',
    IMAGE_HTTP_PORT: '19292',
  });
  const image = serviceEnv(byName('image'), ctx);
  assert.equal(image.OBJECT_STORE_GRPC_URL, '127.0.0.1:15053');
  assert.equal(image.IMAGE_HTTP_PORT, '19292');
  assert.equal(image.IMAGE_GRPC_PORT, '50052');
  assert.equal(image.IMAGE_PUBLIC_URL, 'http://127.0.0.1:19292');
  const compute = serviceEnv(byName('compute'), ctx);
  assert.equal(compute.IMAGE_PUBLIC_URL, 'http://127.0.0.1:19292', 'image links follow its port');
  assert.equal(compute.COMPUTE_PUBLIC_URL, 'http://127.0.0.1:8774');
  const agent = serviceEnv(byName('compute-agent'), ctx);
  assert.equal(agent.COMPUTE_GRPC_URL, '127.0.0.1:15054');
  assert.equal(agent.COMPUTE_AGENT_GRPC_PORT, '15055');
  assert.equal(agent.COMPUTE_AGENT_HTTP_PORT, '18775');
});

test('a service bound to every address is reached on 127.0.0.1', () => {
  const env = serviceEnv(byName('identity'), ctxFor({ TINYSTACK_BIND_HOST: '0.0.0.0' }));
  assert.equal(env.TINYSTACK_BIND_HOST, '0.0.0.0');
  assert.equal(env.IDENTITY_PUBLIC_URL, 'http://127.0.0.1:5000');
});

test('registry entries have the documented default ports and entry files', () => {
  const ports = Object.fromEntries(
    SERVICES.map((d) => [d.name, [d.http?.default, d.grpc?.default]]),
  );
  assert.deepEqual(ports, {
    identity: [5000, 50051],
    'object-store': [8080, 50053],
    image: [9292, 50052],
    network: [9696, 50056],
    compute: [8774, 50054],
    'compute-agent': [8775, 50055],
    dashboard: [3000, undefined],
  });
  for (const d of SERVICES) {
    assert.equal(d.entry, `apps/${d.name}/dist/main.js`);
  }
});
