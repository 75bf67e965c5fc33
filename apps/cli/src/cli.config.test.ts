import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@tinystack/config';
import { clientHost, loadCliConfig } from './cli.config.js';

test('the data directory defaults to .tinystack in the project root, not the cwd', () => {
  const cfg = loadCliConfig({}, '/repo');
  assert.equal(cfg.paths.dataDir, '/repo/.tinystack');
  assert.equal(cfg.paths.stateFile, '/repo/.tinystack/run/cloud.json');
  assert.equal(cfg.paths.openrcFile, '/repo/.tinystack/openrc');
  assert.equal(cfg.paths.adminPasswordFile, '/repo/.tinystack/admin-password');
  assert.equal(cfg.paths.servicePasswordFile, '/repo/.tinystack/service-password');
  assert.equal(cfg.paths.logsDir, '/repo/.tinystack/logs');
});

test('TINYSTACK_DATA_DIR and the password variables are honoured', () => {
  const cfg = loadCliConfig(
    {
      TINYSTACK_DATA_DIR: '/var/lib/ts',
      TINYSTACK_ADMIN_PASSWORD: 'a',
      TINYSTACK_SERVICE_PASSWORD: 's',
    },
    '/repo',
  );
  assert.equal(cfg.paths.dataDir, '/var/lib/ts');
  assert.equal(cfg.adminPassword, 'a');
  assert.equal(cfg.servicePassword, 's');
});

test('port variables override the defaults', () => {
  const cfg = loadCliConfig(
    { IDENTITY_HTTP_PORT: '15000', COMPUTE_AGENT_GRPC_PORT: '15055' },
    '/repo',
  );
  assert.deepEqual(cfg.ports.identity, { http: 15000, grpc: 50051 });
  assert.deepEqual(cfg.ports['compute-agent'], { http: 8775, grpc: 15055 });
  assert.deepEqual(cfg.ports.dashboard, { http: 3000, grpc: undefined });
});

test('every bad variable is reported at once', () => {
  assert.throws(
    () =>
      loadCliConfig(
        { IDENTITY_HTTP_PORT: 'x', IMAGE_GRPC_PORT: '70000', TINYSTACK_LOG_LEVEL: 'loud' },
        '/repo',
      ),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3);
      return true;
    },
  );
});

test('two services on one port is an error naming both variables', () => {
  assert.throws(
    () => loadCliConfig({ IMAGE_HTTP_PORT: '5000' }, '/repo'),
    /IMAGE_HTTP_PORT and IDENTITY_HTTP_PORT are both 5000/,
  );
});

test('clients reach a wildcard bind on 127.0.0.1 and an IPv6 address in brackets', () => {
  assert.equal(clientHost('0.0.0.0'), '127.0.0.1');
  assert.equal(clientHost('::'), '127.0.0.1');
  assert.equal(clientHost('10.0.0.5'), '10.0.0.5');
  assert.equal(clientHost('::1'), '[::1]');
});

test('TINYSTACK_SERVICES selects services by name and rejects unknown ones', () => {
  assert.equal(loadCliConfig({}, '/repo').only, undefined);
  assert.deepEqual(loadCliConfig({ TINYSTACK_SERVICES: 'identity, image' }, '/repo').only, [
    'identity',
    'image',
  ]);
  assert.throws(
    () => loadCliConfig({ TINYSTACK_SERVICES: 'identity,glance' }, '/repo'),
    /TINYSTACK_SERVICES/,
  );
});
