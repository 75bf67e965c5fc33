import assert from 'node:assert/strict';
import { test } from 'node:test';
import { substituteUrl } from './catalog.service.js';

test('Keystone URL substitution', () => {
  assert.equal(
    substituteUrl('http://h/v1/AUTH_$(project_id)s', { project_id: 'p1' }),
    'http://h/v1/AUTH_p1',
  );
  assert.equal(
    substituteUrl('http://h/$(tenant_id)s/$(user_id)s', { tenant_id: 't', user_id: 'u' }),
    'http://h/t/u',
  );
  assert.equal(
    substituteUrl('http://h/v1/AUTH_$(project_id)s', { project_id: undefined }),
    undefined,
  );
  assert.equal(substituteUrl('http://h/v2.1', {}), 'http://h/v2.1');
});
