// Medium test: the images API over real HTTP, with real SQLite, real token verification
// (keys from a stand-in identity gRPC server, see testing/identity-stand-in.ts) and image
// bytes in real files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, patch, startTestImageService, type TestImageService } from '../testing/test-image-service.js';

let t: TestImageService;
let alice: string;
let bob: string;
let admin: string;

before(async () => {
  t = await startTestImageService();
  alice = t.tokens.member('alice-project');
  bob = t.tokens.member('bob-project');
  admin = t.tokens.admin();
});
after(() => t.close());

type Image = Record<string, unknown> & { id: string };

async function create(token: string, body: Record<string, unknown> = {}): Promise<Image> {
  const res = await t.request('/v2/images', { method: 'POST', token, ...json({ disk_format: 'raw', container_format: 'bare', ...body }) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as Image;
}

/** The message of a Glance error body asked for as JSON. */
const messageOf = async (res: Response) => ((await res.json()) as { message: string }).message;

const show = async (token: string, id: string) => t.request(`/v2/images/${id}`, { token });

describe('version discovery and schemas', () => {
  test('GET / is 300 and GET /versions 200, both listing v2 with self links', async () => {
    const root = await t.request('/');
    assert.equal(root.status, 300);
    const body = (await root.json()) as { versions: Array<{ id: string; status: string; links: Array<{ href: string }> }> };
    assert.equal(body.versions[0]?.status, 'CURRENT');
    assert.match(body.versions[0]?.links[0]?.href ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v2\/$/);
    assert.ok(body.versions.some((v) => v.id === 'v2.0'));
    assert.equal((await t.request('/versions')).status, 200);
  });

  test('the schemas glanceclient reads need a token and describe images and members', async () => {
    assert.equal((await t.request('/v2/schemas/image')).status, 401);
    const image = (await (await t.request('/v2/schemas/image', { token: alice })).json()) as Record<string, unknown>;
    assert.equal(image['name'], 'image');
    assert.deepEqual(image['additionalProperties'], { type: 'string' });
    const images = (await (await t.request('/v2/schemas/images', { token: alice })).json()) as { properties: object };
    assert.ok('images' in images.properties && 'next' in images.properties);
    assert.equal((await t.request('/v2/schemas/member', { token: alice })).status, 200);
    assert.equal((await t.request('/v2/schemas/members', { token: alice })).status, 200);
  });
});

describe('create and show', () => {
  test('create answers 201 with Glance defaults, Location and the import methods header', async () => {
    const res = await t.request('/v2/images', {
      method: 'POST',
      token: alice,
      ...json({ name: 'cirros', disk_format: 'qcow2', container_format: 'bare', min_ram: 64, tags: ['b', 'a', 'b'], os_distro: 'cirros' }),
    });
    assert.equal(res.status, 201);
    const img = (await res.json()) as Image;
    assert.equal(res.headers.get('location'), `${t.url}/v2/images/${img.id}`);
    assert.equal(res.headers.get('openstack-image-import-methods'), 'glance-direct');
    assert.equal(img['status'], 'queued');
    assert.equal(img['visibility'], 'shared');
    assert.equal(img['owner'], 'alice-project');
    assert.equal(img['protected'], false);
    assert.equal(img['size'], null);
    assert.equal(img['checksum'], null);
    assert.equal(img['min_ram'], 64);
    assert.equal(img['os_distro'], 'cirros');
    assert.deepEqual(img['tags'], ['a', 'b']);
    assert.equal(img['self'], `/v2/images/${img.id}`);
    assert.equal(img['file'], `/v2/images/${img.id}/file`);
    assert.equal(img['schema'], '/v2/schemas/image');
    assert.match(String(img['created_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const again = (await (await show(alice, img.id)).json()) as Image;
    assert.deepEqual(again, img);
  });

  test('a chosen id is kept, and taking it twice is 409', async () => {
    const id = '6d9c9e7a-6a63-4c3f-9b3e-2d4e1f0a1b2c';
    assert.equal((await create(alice, { id })).id, id);
    const dup = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ id }) });
    assert.equal(dup.status, 409);
  });

  test('bad input gets Glance status codes and error bodies, never a 500', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ status: 'active' }, 403, /Attribute 'status' is read-only/],
      [{ checksum: 'x' }, 403, /read-only/],
      [{ self: '/x' }, 403, /read-only/],
      [{ locations: [] }, 403, /Attribute 'locations' is reserved/],
      [{ os_glance_x: 'y' }, 403, /reserved/],
      [{ disk_format: 'floppy' }, 400, /does not match schema 'image': 'floppy' is not one of/],
      [{ min_ram: 'lots' }, 400, /'lots' is not of type 'integer'/],
      [{ min_disk: -1 }, 400, /Cannot be a negative value/],
      [{ name: 'x'.repeat(256) }, 400, /is too long/],
      [{ custom: 42 }, 400, /42 is not of type 'string'/],
      [{ id: 'not-a-uuid' }, 400, /does not match/],
      [{ ['k'.repeat(256)]: 'v' }, 400, /Custom property should not be greater than 255 characters/],
      [[1, 2], 400, /is not of type 'object'/],
      [{ visibility: 'public' }, 403, /publicize_image/],
      [{ owner: 'someone-else' }, 403, /not permitted to create images owned by/],
    ];
    for (const [body, status, message] of cases) {
      const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json(body, { Accept: 'application/json' }) });
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(await messageOf(res), message, JSON.stringify(body));
    }
    const malformed = await t.request('/v2/images', { method: 'POST', token: alice, body: '{"name":', headers: { Accept: 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys((await malformed.json()) as object).sort(), ['code', 'message', 'title']);
  });

  test('a body sent as text/plain is still read as JSON, as Glance does', async () => {
    const res = await t.request('/v2/images', { method: 'POST', token: alice, body: '{"name":"plain"}', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(res.status, 201);
  });

  test('admins create public images and images for other projects', async () => {
    const img = await create(admin, { visibility: 'public', owner: 'bob-project' });
    assert.equal(img['visibility'], 'public');
    assert.equal(img['owner'], 'bob-project');
  });

  test('readers cannot create or change images; no token is 401', async () => {
    const reader = t.tokens.reader('alice-project');
    const res = await t.request('/v2/images', { method: 'POST', token: reader, ...json({ name: 'r' }) });
    assert.equal(res.status, 403);
    assert.equal((await t.request('/v2/images', { method: 'POST', ...json({}) })).status, 401);
  });
});

describe('visibility', () => {
  test('private images are seen by the owner and admins only; public and community by all', async () => {
    const priv = await create(alice, { visibility: 'private' });
    const comm = await create(alice, { visibility: 'community' });
    const pub = await create(admin, { visibility: 'public' });
    assert.equal((await show(alice, priv.id)).status, 200);
    assert.equal((await show(admin, priv.id)).status, 200);
    const hidden = await show(bob, priv.id);
    assert.equal(hidden.status, 404);
    assert.match(await hidden.text(), new RegExp(`No image found with ID ${priv.id}`));
    assert.equal((await show(bob, comm.id)).status, 200);
    assert.equal((await show(bob, pub.id)).status, 200);
  });

  test('another project sees a public image but cannot change or delete it (403)', async () => {
    const pub = await create(admin, { visibility: 'public', owner: 'alice-project' });
    const res = await t.request(`/v2/images/${pub.id}`, { token: bob, ...patch([{ op: 'replace', path: '/name', value: 'x' }]) });
    assert.equal(res.status, 403);
    assert.equal((await t.request(`/v2/images/${pub.id}`, { method: 'DELETE', token: bob })).status, 403);
  });
});

describe('JSON patch', () => {
  test('add, replace and remove on attributes, custom properties and tags', async () => {
    const img = await create(alice, { name: 'before', color: 'red' });
    const res = await t.request(`/v2/images/${img.id}`, {
      token: alice,
      ...patch([
        { op: 'replace', path: '/name', value: 'after' },
        { op: 'add', path: '/color', value: 'blue' },
        { op: 'add', path: '/size~1label', value: 'L' },
        { op: 'add', path: '/tags', value: ['x', 'y'] },
        { op: 'add', path: '/protected', value: true },
        { op: 'replace', path: '/min_disk', value: 2 },
      ]),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const after = (await res.json()) as Image;
    assert.equal(after['name'], 'after');
    assert.equal(after['color'], 'blue');
    assert.equal(after['size/label'], 'L');
    assert.deepEqual(after['tags'], ['x', 'y']);
    assert.equal(after['protected'], true);
    assert.equal(after['min_disk'], 2);
    const removed = await t.request(`/v2/images/${img.id}`, { token: alice, ...patch([{ op: 'remove', path: '/color' }]) });
    assert.equal(removed.status, 200);
    assert.equal(((await removed.json()) as Image)['color'], undefined);
  });

  test('bad patches get 400, 403, 409 and 415 as Glance answers them', async () => {
    const img = await create(alice);
    const cases: Array<[unknown, number, RegExp]> = [
      [{ op: 'add', path: '/name', value: 'x' }, 400, /JSON array of operation objects/],
      [[{ op: 'move', path: '/name', value: 'x' }], 400, /Invalid operation: `move`/],
      [[{ path: '/name', value: 'x' }], 400, /Unable to find 'op'/],
      [[{ op: 'add', path: 'name', value: 'x' }], 400, /does not start with "\/"/],
      [[{ op: 'add', path: '/a/b', value: 'x' }], 400, /Invalid JSON pointer for this resource: '\/a\/b'/],
      [[{ op: 'add', path: '/tags/-', value: 'x' }], 400, /Invalid JSON pointer/],
      [[{ op: 'add', path: '/a//b', value: 'x' }], 400, /adjacent/],
      [[{ op: 'add', path: '/x~2', value: 'x' }], 400, /escape sequence/],
      [[{ op: 'add', path: '/name' }], 400, /requires a member named "value"/],
      [[{ op: 'replace', path: '/status', value: 'active' }], 403, /read-only/],
      [[{ op: 'add', path: '/deleted', value: 'x' }], 403, /reserved/],
      [[{ op: 'remove', path: '/name' }], 403, /may not be removed/],
      [[{ op: 'replace', path: '/nope', value: 'x' }], 409, /Property nope does not exist/],
      [[{ op: 'remove', path: '/nope' }], 409, /does not exist/],
      [[{ op: 'add', path: '/visibility', value: 'public' }], 403, /publicize_image/],
      [[{ op: 'add', path: '/visibility', value: 'secret' }], 400, /is not one of/],
      [[{ op: 'add', path: '/min_ram', value: -5 }], 400, /negative/],
    ];
    for (const [ops, status, message] of cases) {
      const res = await t.request(`/v2/images/${img.id}`, { method: 'PATCH', token: alice, body: JSON.stringify(ops), headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch', Accept: 'application/json' } });
      assert.equal(res.status, status, JSON.stringify(ops));
      assert.match(await messageOf(res), message, JSON.stringify(ops));
    }
    const wrongType = await t.request(`/v2/images/${img.id}`, { method: 'PATCH', token: alice, ...json([{ op: 'add', path: '/name', value: 'x' }]) });
    assert.equal(wrongType.status, 415);
    assert.equal(wrongType.headers.get('accept-patch'), 'application/openstack-images-v2.1-json-patch');
  });

  test('too many properties is 413', async () => {
    const img = await create(alice);
    const ops = Array.from({ length: 129 }, (_, i) => ({ op: 'add', path: `/p${i}`, value: 'v' }));
    const res = await t.request(`/v2/images/${img.id}`, { token: alice, ...patch(ops) });
    assert.equal(res.status, 413);
  });
});

describe('tags, delete, deactivate', () => {
  test('tags are added and removed one at a time', async () => {
    const img = await create(alice, { tags: ['one'] });
    assert.equal((await t.request(`/v2/images/${img.id}/tags/two`, { method: 'PUT', token: alice })).status, 204);
    assert.equal((await t.request(`/v2/images/${img.id}/tags/two`, { method: 'PUT', token: alice })).status, 204);
    assert.equal((await t.request(`/v2/images/${img.id}/tags/one`, { method: 'DELETE', token: alice })).status, 204);
    assert.equal((await t.request(`/v2/images/${img.id}/tags/one`, { method: 'DELETE', token: alice })).status, 404);
    assert.deepEqual(((await (await show(alice, img.id)).json()) as Image)['tags'], ['two']);
  });

  test('a protected image refuses deletion until unprotected', async () => {
    const img = await create(alice, { protected: true });
    const refused = await t.request(`/v2/images/${img.id}`, { method: 'DELETE', token: alice });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /is protected and cannot be deleted/);
    await t.request(`/v2/images/${img.id}`, { token: alice, ...patch([{ op: 'replace', path: '/protected', value: false }]) });
    assert.equal((await t.request(`/v2/images/${img.id}`, { method: 'DELETE', token: alice })).status, 204);
    assert.equal((await show(alice, img.id)).status, 404);
    assert.equal((await t.request(`/v2/images/${img.id}`, { method: 'DELETE', token: alice })).status, 404);
  });

  test('only active images deactivate, only deactivated ones reactivate', async () => {
    const img = await create(alice);
    const res = await t.request(`/v2/images/${img.id}/actions/deactivate`, { method: 'POST', token: alice, headers: { Accept: 'application/json' } });
    assert.equal(res.status, 403);
    assert.match(await messageOf(res), /Not allowed to deactivate image in status 'queued'/);
    assert.equal((await t.request(`/v2/images/${img.id}/actions/reactivate`, { method: 'POST', token: alice })).status, 403);
  });
});

describe('errors', () => {
  test('error bodies follow the Accept header as webob does', async () => {
    const html = await t.request('/v2/images/nope', { token: alice, headers: { Accept: '*/*' } });
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<h1>404 Not Found<\/h1>/);
    const j = await t.request('/v2/images/nope', { token: alice, headers: { Accept: 'application/json' } });
    assert.match(j.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await j.json()) as { code: string }).code, '404 Not Found');
    assert.match(j.headers.get('x-openstack-request-id') ?? '', /^req-/);
  });

  test('unknown routes are 404, not 500', async () => {
    assert.equal((await t.request('/v2/nothing', { token: alice })).status, 404);
  });
});
