// Medium test: image listing (Glance's visibility rules, filters, sorting, keyset paging)
// over real HTTP, on SQLite and on PostgreSQL (the SQL differs per dialect).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestPostgres, testDialects } from '@tinystack/testing';
import { json, patch, startTestImageService, type TestImageService } from '../testing/test-image-service.js';

type Image = { id: string; name: string | null; [k: string]: unknown };

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) {
    await c();
  }
});

async function fixture(t: TestImageService) {
  const alice = t.tokens.member('alice');
  const bob = t.tokens.member('bob');
  const admin = t.tokens.admin();
  const mk = async (token: string, body: Record<string, unknown>, data?: Buffer): Promise<Image> => {
    const res = await t.request('/v2/images', { method: 'POST', token, ...json({ disk_format: 'raw', container_format: 'bare', ...body }) });
    const img = (await res.json()) as Image;
    if (data) {
      const up = await t.request(`/v2/images/${img.id}/file`, { method: 'PUT', token, body: data, headers: { 'Content-Type': 'application/octet-stream' } });
      assert.equal(up.status, 204);
    }
    return img;
  };
  const a1 = await mk(alice, { name: 'a-private', visibility: 'private', tags: ['x', 'y'], os_distro: 'ubuntu' }, Buffer.alloc(100, 1));
  const a2 = await mk(alice, { name: 'a-shared', visibility: 'shared', tags: ['x'] }, Buffer.alloc(300, 2));
  const a3 = await mk(alice, { name: 'a-community', visibility: 'community', protected: true });
  const a4 = await mk(alice, { name: 'a-hidden', visibility: 'private', os_hidden: true });
  const a5 = await mk(alice, { visibility: 'private' });
  const b1 = await mk(bob, { name: 'b-private', visibility: 'private' });
  const b2 = await mk(bob, { name: 'b-shared-accepted', visibility: 'shared' });
  const b3 = await mk(bob, { name: 'b-shared-pending', visibility: 'shared' });
  const b4 = await mk(bob, { name: 'b-community', visibility: 'community', os_distro: 'ubuntu' });
  await new Promise((r) => setTimeout(r, 5));
  const beforePublic = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  const p1 = await mk(admin, { name: 'public', visibility: 'public', owner: 'bob' }, Buffer.alloc(200, 3));
  for (const img of [b2, b3]) {
    await t.request(`/v2/images/${img.id}/members`, { method: 'POST', token: bob, ...json({ member: 'alice' }) });
  }
  await t.request(`/v2/images/${b2.id}/members/alice`, { method: 'PUT', token: alice, ...json({ status: 'accepted' }) });
  return { alice, bob, admin, a1, a2, a3, a4, a5, b1, b2, b3, b4, p1, beforePublic };
}

async function names(t: TestImageService, token: string, query = ''): Promise<Array<string | null>> {
  const res = await t.request(`/v2/images${query}`, { token });
  assert.equal(res.status, 200, `${query}: ${await res.clone().text()}`);
  return ((await res.json()) as { images: Image[] }).images.map((i) => i.name);
}

const sorted = (xs: Array<string | null>) => [...xs].sort((a, b) => String(a).localeCompare(String(b)));

async function checkVisibility(t: TestImageService, f: Awaited<ReturnType<typeof fixture>>): Promise<void> {
  assert.deepEqual(sorted(await names(t, f.alice)), sorted(['a-private', 'a-shared', 'a-community', null, 'b-shared-accepted', 'public']));
  assert.deepEqual(sorted(await names(t, f.alice, '?visibility=community')), ['a-community', 'b-community']);
  assert.deepEqual(sorted(await names(t, f.alice, '?visibility=shared')), ['a-shared', 'b-shared-accepted']);
  assert.deepEqual(sorted(await names(t, f.alice, '?visibility=shared&member_status=pending')), ['a-shared', 'b-shared-pending']);
  assert.deepEqual(sorted(await names(t, f.alice, '?member_status=all&visibility=shared')), ['a-shared', 'b-shared-accepted', 'b-shared-pending']);
  assert.deepEqual(sorted(await names(t, f.alice, '?visibility=private')), sorted(['a-private', null]));
  assert.deepEqual(await names(t, f.alice, '?visibility=public'), ['public']);
  assert.ok((await names(t, f.admin)).includes('b-private'), 'admins see every project');
  assert.deepEqual(sorted(await names(t, f.alice, '?os_hidden=true')), ['a-hidden']);
}

async function checkFilters(t: TestImageService, f: Awaited<ReturnType<typeof fixture>>): Promise<void> {
  assert.deepEqual(await names(t, f.alice, '?name=a-shared'), ['a-shared']);
  assert.deepEqual(sorted(await names(t, f.alice, '?name=in:a-shared,public')), ['a-shared', 'public']);
  assert.deepEqual(sorted(await names(t, f.alice, '?status=active')), ['a-private', 'a-shared', 'public']);
  assert.deepEqual(sorted(await names(t, f.alice, '?tag=x')), ['a-private', 'a-shared']);
  assert.deepEqual(await names(t, f.alice, '?tag=x&tag=y'), ['a-private']);
  assert.deepEqual(sorted(await names(t, f.alice, '?size_min=150')), ['a-shared', 'public']);
  assert.deepEqual(await names(t, f.alice, '?size_min=150&size_max=250'), ['public']);
  assert.deepEqual(await names(t, f.alice, '?os_distro=ubuntu'), ['a-private']);
  assert.deepEqual(await names(t, f.alice, '?protected=true'), ['a-community'], 'one\'s own community images are listed');
  assert.deepEqual(await names(t, f.bob, '?protected=true'), [], 'other community images are not, by default');
  assert.deepEqual(await names(t, f.bob, '?protected=true&visibility=community'), ['a-community']);
  assert.deepEqual(sorted(await names(t, f.alice, '?owner=bob')), ['b-shared-accepted', 'public']);
  const pub = (await (await t.request(`/v2/images/${f.p1.id}`, { token: f.alice })).json()) as { checksum: string; created_at: string };
  assert.deepEqual(await names(t, f.alice, `?checksum=${pub.checksum}`), ['public']);
  assert.deepEqual(await names(t, f.alice, `?created_at=gte:${f.beforePublic}`), ['public']);
  assert.deepEqual(sorted(await names(t, f.alice, `?created_at=lt:${f.beforePublic}&visibility=shared`)), ['a-shared', 'b-shared-accepted']);
  assert.deepEqual(await names(t, f.alice, `?created_at=gt:${new Date(Date.now() + 60_000).toISOString()}`), []);
  assert.deepEqual(await names(t, f.alice, `?updated_at=lt:2000-01-01T00:00:00Z`), []);
}

async function checkSortAndPaging(t: TestImageService, f: Awaited<ReturnType<typeof fixture>>): Promise<void> {
  assert.deepEqual(await names(t, f.alice, '?sort_key=name&sort_dir=asc'), [null, 'a-community', 'a-private', 'a-shared', 'b-shared-accepted', 'public']);
  assert.deepEqual(await names(t, f.alice, '?sort=name:desc'), ['public', 'b-shared-accepted', 'a-shared', 'a-private', 'a-community', null]);
  assert.deepEqual((await names(t, f.alice, '?sort=size:desc,name:asc')).slice(0, 3), ['a-shared', 'public', 'a-private']);
  for (const sort of ['sort_key=name&sort_dir=asc', 'sort=size:asc,name:desc', 'sort_key=created_at']) {
    const all = await names(t, f.alice, `?${sort}`);
    const paged: Array<string | null> = [];
    let next: string | undefined = `/v2/images?${sort}&limit=2`;
    while (next) {
      const page = (await (await t.request(next, { token: f.alice })).json()) as { images: Image[]; next?: string };
      assert.ok(page.images.length <= 2);
      paged.push(...page.images.map((i) => i.name));
      next = page.next;
    }
    assert.deepEqual(paged, all, sort);
  }
}

async function checkBadQueries(t: TestImageService, f: Awaited<ReturnType<typeof fixture>>): Promise<void> {
  for (const q of ['limit=x', 'limit=-1', 'sort_key=color', 'sort_dir=up', 'visibility=secret', 'member_status=maybe', 'status=done', 'size_min=big', 'created_at=after:2020-01-01T00:00:00Z', 'marker=00000000-0000-0000-0000-000000000000', 'protected=maybe', 'sort=name&sort_key=name', 'changes-since=2020']) {
    const res = await t.request(`/v2/images?${q}`, { token: f.alice });
    assert.equal(res.status, 400, q);
  }
  await t.request(`/v2/images/${f.b1.id}`, { token: f.bob, ...patch([{ op: 'add', path: '/name', value: 'b-renamed' }]) });
  const marker = await t.request(`/v2/images?marker=${f.b1.id}`, { token: f.alice });
  assert.equal(marker.status, 400, 'a marker the caller cannot see is not found');
}

for (const dialect of testDialects()) {
  test(`listing on ${dialect}: visibility, filters, sorting and paging`, async () => {
    let databaseUrl: string | undefined;
    if (dialect === 'postgres') {
      const pg = await createTestPostgres();
      cleanups.push(pg.drop);
      databaseUrl = pg.url;
    }
    const t = await startTestImageService(databaseUrl ? { databaseUrl } : {});
    cleanups.push(() => t.close());
    const f = await fixture(t);
    await checkVisibility(t, f);
    await checkFilters(t, f);
    await checkSortAndPaging(t, f);
    await checkBadQueries(t, f);
  });
}
