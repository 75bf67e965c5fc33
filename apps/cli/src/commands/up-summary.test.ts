import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCliConfig } from '../cli.config.js';
import { envContext } from '../launch.plan.js';
import { SERVICES } from '../services.js';
import { readyLines } from './up-summary.js';

test('the ready summary shows the URLs, the admin credentials and the openrc path', () => {
  const cfg = loadCliConfig(
    { TINYSTACK_DATA_DIR: '/srv/ts', IDENTITY_HTTP_PORT: '15000' },
    '/repo',
  );
  const order = SERVICES.filter((d) => d.name === 'identity');
  const ctx = envContext(cfg, { admin: 'S3cret-pw', service: 'x' }, order);
  const text = readyLines({
    cfg,
    ctx,
    order,
    admin: { value: 'S3cret-pw', source: 'generated' },
    pids: [
      {
        name: 'identity',
        pid: 42,
        startTime: null,
        httpPort: 15000,
        grpcPort: 50051,
        healthUrl: 'http://127.0.0.1:15000/healthz',
        apiUrl: 'http://127.0.0.1:15000/v3',
        log: '/srv/ts/logs/identity.log',
      },
    ],
  }).join('\n');
  assert.match(
    text,
    /identity\s+http:\/\/127\.0\.0\.1:15000\/v3\s+gRPC 127\.0\.0\.1:50051\s+pid 42/,
  );
  assert.match(text, /Admin:\s+user admin, password S3cret-pw, project admin, domain Default/);
  assert.match(text, /openrc:\s+\/srv\/ts\/openrc/);
  assert.match(
    text,
    /Not started:\s+object-store, image, network, compute, compute-agent, dashboard/,
  );
  assert.doesNotMatch(text, /Dashboard:/);
});
