import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { adminOsEnv, renderOpenrc, shellQuote, writeOpenrc } from './openrc.renderer.js';

test('the admin env has exactly the variables the openstack CLI needs', () => {
  assert.deepEqual(adminOsEnv({ identityUrl: 'http://127.0.0.1:15000/', adminPassword: 'pw' }), {
    OS_AUTH_URL: 'http://127.0.0.1:15000/v3',
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: 'admin',
    OS_PASSWORD: 'pw',
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public',
  });
});

test('the openrc exports each variable on its own line', () => {
  const text = renderOpenrc({ identityUrl: 'http://127.0.0.1:5000', adminPassword: 'Secret123' });
  assert.match(text, /^export OS_AUTH_URL=http:\/\/127\.0\.0\.1:5000\/v3$/m);
  assert.match(text, /^export OS_PASSWORD=Secret123$/m);
  assert.match(text, /^export OS_PROJECT_NAME=admin$/m);
  assert.match(text, /^unset .*OS_TOKEN/m);
  assert.ok(text.endsWith('\n'));
});

test('values with shell metacharacters are quoted', () => {
  assert.equal(shellQuote('plain-Value_1'), 'plain-Value_1');
  assert.equal(shellQuote("it's $HOME"), `'it'\\''s $HOME'`);
  assert.equal(shellQuote(''), "''");
});

test('sourcing the openrc in sh sets the password verbatim, however odd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tinystack-openrc-'));
  try {
    const odd = `a'b"c $d\`e\\f g`;
    const file = join(dir, 'openrc');
    writeOpenrc(file, renderOpenrc({ identityUrl: 'http://127.0.0.1:5000', adminPassword: odd }));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const out = spawnSync('sh', ['-c', `. "${file}" && printf %s "$OS_PASSWORD"`], {
      encoding: 'utf8',
      env: {},
    });
    assert.equal(out.stdout, odd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
