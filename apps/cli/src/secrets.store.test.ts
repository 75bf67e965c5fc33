import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { generatePassword, loadOrCreateSecret } from './secrets.store.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinystack-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a password is generated once, kept with mode 600, and reused', () => {
  const file = join(dir, 'data', 'admin-password');
  const first = loadOrCreateSecret(file, undefined);
  assert.equal(first.source, 'generated');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, 'utf8'), `${first.value}\n`);
  const second = loadOrCreateSecret(file, undefined);
  assert.deepEqual(second, { value: first.value, source: 'file' });
});

test('the environment wins and is not written to disk', () => {
  const file = join(dir, 'admin-password');
  assert.deepEqual(loadOrCreateSecret(file, 'from-env'), { value: 'from-env', source: 'env' });
  assert.equal(existsSync(file), false);
});

test('an empty variable counts as unset', () => {
  assert.equal(loadOrCreateSecret(join(dir, 'p'), '').source, 'generated');
});

test('a kept password readable by others is made private again', () => {
  const file = join(dir, 'service-password');
  writeFileSync(file, 'kept\n');
  chmodSync(file, 0o644);
  assert.equal(loadOrCreateSecret(file, undefined).value, 'kept');
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('an empty password file is an error, not an empty password', () => {
  const file = join(dir, 'admin-password');
  writeFileSync(file, '', { mode: 0o600 });
  assert.throws(() => loadOrCreateSecret(file, undefined), /is empty/);
});

test('generated passwords are long, URL-safe and different every time', () => {
  const all = new Set(Array.from({ length: 50 }, generatePassword));
  assert.equal(all.size, 50);
  for (const p of all) {
    assert.match(p, /^[A-Za-z0-9_-]{32}$/);
  }
});
