import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashNeedsUpgrade, hashPassword, verifyPassword } from './password-hasher.js';

test('passwords are argon2id hashes at or above the minimum cost', async () => {
  const phc = await hashPassword('s3cret!');
  assert.match(phc, /^\$argon2id\$v=19\$/);
  const params = Object.fromEntries(
    (phc.split('$')[3] ?? '').split(',').map((kv) => kv.split('=')),
  );
  assert.ok(Number(params['m']) >= 19_456, `memory ${params['m']} KiB`);
  assert.ok(Number(params['t']) >= 2, `passes ${params['t']}`);
  assert.equal(await verifyPassword(phc, 's3cret!'), true);
  assert.equal(await verifyPassword(phc, 's3cret'), false);
  assert.equal(await verifyPassword('not-a-hash', 's3cret!'), false);
  assert.equal(hashNeedsUpgrade(phc), false);
  assert.notEqual(await hashPassword('s3cret!'), phc, 'salted');
});
