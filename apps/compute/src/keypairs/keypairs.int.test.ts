import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestComputeOn, type TestCompute } from '../testing/test-compute.js';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGPkm++PveoVutPRq8hAdNYC8NxvYeDFqALU8qiFy/F0 test';

for (const dialect of testDialects()) {
  describe(`keypairs on ${dialect}`, () => {
    let t: TestCompute;
    before(async () => {
      t = await startTestComputeOn(dialect, { env: { COMPUTE_QUOTA_KEY_PAIRS: '3' } });
    });
    after(() => t.close());

    test('at 2.1: generate (200, with the private key once) and import; legacy fields on show', async () => {
      const token = t.signer.sign({ userId: 'kp-user-1', projectId: 'p1' });
      const gen = await t.call('POST', '/v2.1/os-keypairs', { token, body: { keypair: { name: 'gen' } } });
      assert.equal(gen.status, 200);
      assert.deepEqual(Object.keys(gen.body.keypair).sort(), ['fingerprint', 'name', 'private_key', 'public_key', 'user_id']);
      assert.match(gen.body.keypair.private_key, /BEGIN RSA PRIVATE KEY/);
      assert.equal(gen.body.keypair.user_id, 'kp-user-1');
      const imp = await t.call('POST', '/v2.1/os-keypairs', { token, body: { keypair: { name: 'imported', public_key: ED25519 } } });
      assert.equal(imp.status, 200);
      assert.equal(imp.body.keypair.fingerprint, '94:8a:17:49:7d:ad:7b:2c:c1:be:b2:b7:b6:fa:44:a7');
      assert.equal(imp.body.keypair.private_key, undefined);
      const show = await t.call('GET', '/v2.1/os-keypairs/imported', { token });
      assert.equal(show.status, 200);
      assert.equal(typeof show.body.keypair.id, 'number', 'keypair.id is an integer');
      assert.equal(show.body.keypair.deleted, false);
      assert.equal(show.body.keypair.deleted_at, null);
      assert.equal(show.body.keypair.type, undefined, 'type is a 2.2 field');
      const list = await t.call('GET', '/v2.1/os-keypairs', { token });
      assert.deepEqual(list.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name), ['gen', 'imported']);
      assert.deepEqual(Object.keys(list.body.keypairs[0].keypair).sort(), ['fingerprint', 'name', 'public_key']);
      assert.equal((await t.call('DELETE', '/v2.1/os-keypairs/gen', { token })).status, 202);
      const gone = await t.call('GET', '/v2.1/os-keypairs/gen', { token });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.itemNotFound.message, 'Keypair gen not found for user kp-user-1');
    });

    test('at 2.2 and later: type, 201 on create, 204 on delete', async () => {
      const token = t.signer.sign({ userId: 'kp-user-2', projectId: 'p1' });
      const res = await t.call('POST', '/v2.1/os-keypairs', { token, version: '2.10', body: { keypair: { name: 'k', type: 'ssh', public_key: ED25519 } } });
      assert.equal(res.status, 201);
      assert.equal(res.body.keypair.type, 'ssh');
      const show = await t.call('GET', '/v2.1/os-keypairs/k', { token, version: '2.2' });
      assert.equal(show.body.keypair.type, 'ssh');
      assert.equal((await t.call('DELETE', '/v2.1/os-keypairs/k', { token, version: '2.2' })).status, 204);
    });

    test('names are per user; duplicates are 409; bad keys and names are 400', async () => {
      const a = t.signer.sign({ userId: 'kp-user-3', projectId: 'p1' });
      const b = t.signer.sign({ userId: 'kp-user-4', projectId: 'p1' });
      const body = { keypair: { name: 'same', public_key: ED25519 } };
      assert.equal((await t.call('POST', '/v2.1/os-keypairs', { token: a, body })).status, 200);
      assert.equal((await t.call('POST', '/v2.1/os-keypairs', { token: b, body })).status, 200);
      const dup = await t.call('POST', '/v2.1/os-keypairs', { token: a, body });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.conflictingRequest.message, "Key pair 'same' already exists.");
      assert.equal((await t.call('GET', '/v2.1/os-keypairs/same', { token: t.signer.sign({ userId: 'x', projectId: 'p1' }) })).status, 404);
      const bad = await t.call('POST', '/v2.1/os-keypairs', { token: a, body: { keypair: { name: 'bad', public_key: 'ssh-rsa nope' } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.badRequest.message, 'Keypair data is invalid: failed to generate fingerprint');
      assert.equal((await t.call('POST', '/v2.1/os-keypairs', { token: a, body: { keypair: { name: 'bad/name' } } })).status, 400);
      assert.equal((await t.call('POST', '/v2.1/os-keypairs', { token: a, body: { keypair: { name: 'x', type: 'ssh' } } })).status, 400, 'type is 2.2');
    });

    test('admins act for another user from 2.10; others may not', async () => {
      const admin = t.tokens.admin();
      const res = await t.call('POST', '/v2.1/os-keypairs', { token: admin, version: '2.10', body: { keypair: { name: 'for-u5', user_id: 'kp-user-5', public_key: ED25519 } } });
      assert.equal(res.status, 201);
      assert.equal(res.body.keypair.user_id, 'kp-user-5');
      const own = t.signer.sign({ userId: 'kp-user-5', projectId: 'p1' });
      assert.equal((await t.call('GET', '/v2.1/os-keypairs/for-u5', { token: own })).status, 200);
      const member = t.signer.sign({ userId: 'kp-user-6', projectId: 'p1' });
      assert.equal((await t.call('GET', '/v2.1/os-keypairs/for-u5?user_id=kp-user-5', { token: member, version: '2.10' })).status, 403);
      assert.equal((await t.call('GET', '/v2.1/os-keypairs/for-u5?user_id=kp-user-5', { token: admin, version: '2.10' })).status, 200);
    });

    test('the key pair quota is enforced per user (403)', async () => {
      const token = t.signer.sign({ userId: 'kp-user-7', projectId: 'p1' });
      for (const name of ['q1', 'q2', 'q3']) {
        assert.equal((await t.call('POST', '/v2.1/os-keypairs', { token, body: { keypair: { name, public_key: ED25519 } } })).status, 200);
      }
      const over = await t.call('POST', '/v2.1/os-keypairs', { token, body: { keypair: { name: 'q4', public_key: ED25519 } } });
      assert.equal(over.status, 403);
      assert.equal(over.body.forbidden.message, 'Quota exceeded, too many key pairs.');
    });

    test('paging from 2.35', async () => {
      const token = t.signer.sign({ userId: 'kp-user-7', projectId: 'p1' });
      const page = await t.call('GET', '/v2.1/os-keypairs?limit=2', { token, version: '2.35' });
      assert.deepEqual(page.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name), ['q1', 'q2']);
      assert.ok(page.body.keypairs_links[0].href.includes('marker=q2'));
      const rest = await t.call('GET', '/v2.1/os-keypairs?limit=2&marker=q2', { token, version: '2.35' });
      assert.deepEqual(rest.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name), ['q3']);
      const old = await t.call('GET', '/v2.1/os-keypairs?limit=2', { token });
      assert.equal(old.body.keypairs.length, 3, 'no paging before 2.35');
    });
  });
}
