import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestComputeOn, type TestCompute } from '../testing/test-compute.js';

for (const dialect of testDialects()) {
  describe(`flavors on ${dialect}`, () => {
    let t: TestCompute;
    let admin: string;
    let member: string;
    before(async () => {
      t = await startTestComputeOn(dialect);
      admin = t.tokens.admin();
      member = t.tokens.member('p1');
    });
    after(() => t.close());

    test('the default flavors exist, with t1.nano for tiny guests', async () => {
      const res = await t.call('GET', '/v2.1/flavors/detail', { token: member });
      assert.equal(res.status, 200);
      const names = res.body.flavors.map((f: { name: string }) => f.name);
      assert.deepEqual(names, ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge', 't1.nano']);
      const nano = res.body.flavors.find((f: { name: string }) => f.name === 't1.nano');
      assert.deepEqual({ ram: nano.ram, vcpus: nano.vcpus, disk: nano.disk }, { ram: 128, vcpus: 1, disk: 1 });
    });

    test('flavor bodies are closed per microversion', async () => {
      const at21 = await t.call('GET', '/v2.1/flavors/1', { token: member });
      assert.deepEqual(Object.keys(at21.body.flavor).sort(), [
        'OS-FLV-DISABLED:disabled',
        'OS-FLV-EXT-DATA:ephemeral',
        'disk',
        'id',
        'links',
        'name',
        'os-flavor-access:is_public',
        'ram',
        'rxtx_factor',
        'swap',
        'vcpus',
      ]);
      assert.equal(at21.body.flavor.swap, '', 'swap 0 is "" before 2.75');
      assert.deepEqual(at21.body.flavor.links[0], { rel: 'self', href: 'http://compute.test:8774/v2.1/flavors/1' });
      const at261 = await t.call('GET', '/v2.1/flavors/1', { token: member, version: '2.61' });
      assert.equal(at261.body.flavor.description, null);
      assert.deepEqual(at261.body.flavor.extra_specs, {});
      const at275 = await t.call('GET', '/v2.1/flavors/1', { token: member, version: '2.75' });
      assert.equal(at275.body.flavor.swap, 0);
      const list = await t.call('GET', '/v2.1/flavors', { token: member });
      assert.deepEqual(Object.keys(list.body.flavors[0]).sort(), ['id', 'links', 'name']);
    });

    test('admins create (200) and delete (202) flavors; members may not', async () => {
      const body = { flavor: { name: 'test.small', ram: 256, vcpus: 1, disk: 2, id: 'ts1', swap: 0 } };
      assert.equal((await t.call('POST', '/v2.1/flavors', { token: member, body })).status, 403);
      const created = await t.call('POST', '/v2.1/flavors', { token: admin, body });
      assert.equal(created.status, 200);
      assert.equal(created.body.flavor.id, 'ts1');
      assert.equal(created.body.flavor['os-flavor-access:is_public'], true);
      const dup = await t.call('POST', '/v2.1/flavors', { token: admin, body });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.conflictingRequest.message, 'Flavor with ID ts1 already exists.');
      const dupName = await t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { ...body.flavor, id: 'other' } } });
      assert.equal(dupName.body.conflictingRequest.message, 'Flavor with name test.small already exists.');
      const auto = await t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { name: 'auto', ram: '64', vcpus: 1, disk: 0, id: null } } });
      assert.equal(auto.status, 200);
      assert.match(auto.body.flavor.id, /^[0-9a-f-]{36}$/);
      assert.equal(auto.body.flavor.ram, 64, 'digit strings are integers, as Nova accepts');
      assert.equal((await t.call('DELETE', '/v2.1/flavors/ts1', { token: member })).status, 403);
      const del = await t.call('DELETE', '/v2.1/flavors/ts1', { token: admin });
      assert.equal(del.status, 202);
      const gone = await t.call('GET', '/v2.1/flavors/ts1', { token: admin });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.itemNotFound.message, 'Flavor ts1 could not be found.');
    });

    test('create is validated strictly: unknown keys, bad values', async () => {
      const extra = await t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { name: 'x', ram: 1, vcpus: 1, disk: 1, color: 'red' } } });
      assert.equal(extra.status, 400);
      assert.match(extra.body.badRequest.message, /color/);
      const zero = await t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { name: 'x', ram: 0, vcpus: 1, disk: 1 } } });
      assert.equal(zero.status, 400);
      const desc21 = await t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { name: 'x', ram: 1, vcpus: 1, disk: 1, description: 'd' } } });
      assert.equal(desc21.status, 400, 'description is a 2.55 field');
      const desc255 = await t.call('POST', '/v2.1/flavors', {
        token: admin,
        version: '2.55',
        body: { flavor: { name: 'described', ram: 1, vcpus: 1, disk: 1, description: 'd' } },
      });
      assert.equal(desc255.status, 200);
      assert.equal(desc255.body.flavor.description, 'd');
      const upd = await t.call('PUT', `/v2.1/flavors/${desc255.body.flavor.id}`, { token: admin, version: '2.55', body: { flavor: { description: 'e' } } });
      assert.equal(upd.body.flavor.description, 'e');
      const old = await t.call('PUT', `/v2.1/flavors/${desc255.body.flavor.id}`, { token: admin, body: { flavor: { description: 'e' } } });
      assert.equal(old.status, 404, 'PUT /flavors/{id} exists from 2.55');
    });

    test('extra specs: everyone reads, admins write; in the flavor at 2.61', async () => {
      const path = '/v2.1/flavors/2/os-extra_specs';
      assert.equal((await t.call('POST', path, { token: member, body: { extra_specs: { a: 'b' } } })).status, 403);
      const set = await t.call('POST', path, { token: admin, body: { extra_specs: { 'hw:cpu_policy': 'shared', n: 1 } } });
      assert.equal(set.status, 200);
      assert.deepEqual(set.body, { extra_specs: { 'hw:cpu_policy': 'shared', n: '1' } });
      assert.deepEqual((await t.call('GET', path, { token: member })).body, { extra_specs: { 'hw:cpu_policy': 'shared', n: '1' } });
      assert.deepEqual((await t.call('GET', `${path}/n`, { token: member })).body, { n: '1' });
      const mismatch = await t.call('PUT', `${path}/n`, { token: admin, body: { m: '2' } });
      assert.equal(mismatch.status, 400);
      assert.equal((await t.call('PUT', `${path}/n`, { token: admin, body: { n: '2' } })).status, 200);
      const inFlavor = await t.call('GET', '/v2.1/flavors/detail', { token: member, version: '2.61' });
      assert.deepEqual(inFlavor.body.flavors.find((f: { id: string }) => f.id === '2').extra_specs, { 'hw:cpu_policy': 'shared', n: '2' });
      assert.equal((await t.call('DELETE', `${path}/n`, { token: admin })).status, 202);
      const missing = await t.call('GET', `${path}/n`, { token: member });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.itemNotFound.message, 'Flavor 2 has no extra specs with key n.');
    });

    test('private flavors: visible to projects given access and to admins by is_public', async () => {
      const priv = await t.call('POST', '/v2.1/flavors', {
        token: admin,
        body: { flavor: { name: 'private.one', ram: 64, vcpus: 1, disk: 1, id: 'priv1', 'os-flavor-access:is_public': false } },
      });
      assert.equal(priv.status, 200);
      assert.equal((await t.call('GET', '/v2.1/flavors/priv1', { token: member })).status, 404);
      const ids = async (token: string, q = '') =>
        (await t.call('GET', `/v2.1/flavors${q}`, { token })).body.flavors.map((f: { id: string }) => f.id);
      assert.ok(!(await ids(member)).includes('priv1'));
      assert.ok(!(await ids(admin)).includes('priv1'), 'admins see public flavors by default');
      assert.ok((await ids(admin, '?is_public=None')).includes('priv1'), 'is_public=None: all');
      assert.deepEqual(await ids(admin, '?is_public=false'), ['priv1']);
      const add = await t.call('POST', '/v2.1/flavors/priv1/action', { token: admin, body: { addTenantAccess: { tenant: 'p1' } } });
      assert.equal(add.status, 200);
      assert.deepEqual(add.body.flavor_access, [{ flavor_id: 'priv1', tenant_id: 'p1' }]);
      assert.ok((await ids(member)).includes('priv1'));
      assert.equal((await t.call('GET', '/v2.1/flavors/priv1', { token: member })).status, 200);
      assert.ok(!(await ids(t.tokens.member('p2'))).includes('priv1'));
      const pub = await t.call('GET', '/v2.1/flavors/1/os-flavor-access', { token: admin });
      assert.equal(pub.status, 404);
      const onPublic = await t.call('POST', '/v2.1/flavors/1/action', { token: admin, version: '2.7', body: { addTenantAccess: { tenant: 'p1' } } });
      assert.equal(onPublic.status, 409);
    });

    test('paging with limit and marker, and a next link on a full page', async () => {
      const first = await t.call('GET', '/v2.1/flavors?limit=2', { token: member });
      assert.equal(first.body.flavors.length, 2);
      const next = new URL(first.body.flavors_links[0].href);
      assert.equal(next.searchParams.get('marker'), first.body.flavors[1].id);
      const second = await t.call('GET', `/v2.1/flavors?limit=2&marker=${first.body.flavors[1].id}`, { token: member });
      assert.notEqual(second.body.flavors[0].id, first.body.flavors[1].id);
      assert.equal((await t.call('GET', '/v2.1/flavors?marker=nope', { token: member })).status, 400);
      assert.equal((await t.call('GET', '/v2.1/flavors?limit=x', { token: member })).status, 400);
      const big = await t.call('GET', '/v2.1/flavors/detail?minRam=4096&sort_key=memory_mb&sort_dir=desc', { token: member });
      assert.deepEqual(big.body.flavors.map((f: { ram: number }) => f.ram), [16384, 8192, 4096]);
      assert.equal((await t.call('GET', '/v2.1/flavors?color=red', { token: member, version: '2.75' })).status, 400);
      assert.equal((await t.call('GET', '/v2.1/flavors?color=red', { token: member, version: '2.74' })).status, 200);
    });
  });
}
