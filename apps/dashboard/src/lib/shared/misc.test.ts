import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge, formatBytes, formatDateTime } from './format.ts';
import { hasRole, isAdminRoles } from './roles.ts';
import { isImageTransitional, isServerTransitional, serverTone } from './status.ts';
import { containerTempUrlKey, signTempUrl, tempUrl } from './temp-url.ts';

test('sizes and ages read the way operators read them', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5 GiB');
  assert.equal(formatBytes(-1), '—');
  assert.equal(formatAge(1_000, 61_000), '1 min');
  assert.equal(formatAge(1_000, 1_000 + 3 * 86_400_000), '3 d');
  assert.equal(formatDateTime(0), '—');
  assert.equal(formatDateTime(Date.UTC(2026, 0, 2, 3, 4)), '2026-01-02 03:04 UTC');
});

test('roles imply the ones below them', () => {
  assert.equal(isAdminRoles(['member', 'Admin']), true);
  assert.equal(isAdminRoles(['member', 'reader']), false);
  assert.equal(hasRole(['admin'], 'reader'), true);
  assert.equal(hasRole(['reader'], 'member'), false);
});

test('transitional states keep a list refreshing; settled ones do not', () => {
  assert.equal(isServerTransitional({ status: 'BUILD', taskState: 'spawning' }), true);
  assert.equal(isServerTransitional({ status: 'ACTIVE', taskState: 'powering-off' }), true);
  assert.equal(isServerTransitional({ status: 'ACTIVE', taskState: '' }), false);
  assert.equal(isServerTransitional({ status: 'SHUTOFF', taskState: '' }), false);
  assert.equal(isImageTransitional('saving'), true);
  assert.equal(isImageTransitional('active'), false);
  assert.equal(serverTone('ERROR'), 'bad');
});

test('temp URLs are signed as Swift checks them (HMAC-SHA256 of method, expiry and path)', () => {
  // the object store verifies exactly this HMAC (apps/object-store tempurl-signature.ts)
  assert.equal(signTempUrl('key', 'GET', 1700000000, '/v1/AUTH_p/c/o').length, 64);
  const key = containerTempUrlKey('secret', 'AUTH_p', 'c');
  assert.equal(key, containerTempUrlKey('secret', 'AUTH_p', 'c'), 'the key is stable');
  assert.notEqual(
    key,
    containerTempUrlKey('secret', 'AUTH_p', 'd'),
    'each container has its own key',
  );
  const url = tempUrl({
    publicUrl: 'http://h:8080/',
    key,
    account: 'AUTH_p',
    container: 'c',
    object: 'a b/é.txt',
    expires: 99,
  });
  assert.equal(
    url,
    `http://h:8080/v1/AUTH_p/c/a%20b/%C3%A9.txt?temp_url_sig=${signTempUrl(key, 'GET', 99, '/v1/AUTH_p/c/a b/é.txt')}&temp_url_expires=99`,
  );
});
