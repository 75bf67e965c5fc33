// Medium test: sharing an image between projects over real HTTP (Glance's member rules).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { json, patch, startTestImageService, type TestImageService } from '../testing/test-image-service.js';

let t: TestImageService;
let alice: string;
let bob: string;
let carol: string;

before(async () => {
  t = await startTestImageService();
  alice = t.tokens.member('alice');
  bob = t.tokens.member('bob');
  carol = t.tokens.member('carol');
});
after(() => t.close());

type Member = { member_id: string; image_id: string; status: string; schema: string; created_at: string };

async function sharedImage(): Promise<string> {
  const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ name: 'shared', visibility: 'shared' }) });
  return ((await res.json()) as { id: string }).id;
}

const addMember = (id: string, member: string, token = alice) =>
  t.request(`/v2/images/${id}/members`, { method: 'POST', token, ...json({ member }) });

const setStatus = (id: string, member: string, status: string, token: string) =>
  t.request(`/v2/images/${id}/members/${member}`, { method: 'PUT', token, ...json({ status }) });

test('the owner shares; the member sees the image, answers, and lists it once accepted', async () => {
  const id = await sharedImage();
  assert.equal((await t.request(`/v2/images/${id}`, { token: bob })).status, 404);
  const added = await addMember(id, 'bob');
  assert.equal(added.status, 200);
  const m = (await added.json()) as Member;
  assert.deepEqual([m.member_id, m.image_id, m.status, m.schema], ['bob', id, 'pending', '/v2/schemas/member']);
  assert.equal((await t.request(`/v2/images/${id}`, { token: bob })).status, 200, 'a pending member sees the image');
  const listed = async () => ((await (await t.request('/v2/images', { token: bob })).json()) as { images: Array<{ id: string }> }).images.map((i) => i.id);
  assert.ok(!(await listed()).includes(id), 'not listed until accepted');
  assert.equal((await setStatus(id, 'bob', 'accepted', bob)).status, 200);
  assert.ok((await listed()).includes(id));
  assert.equal((await setStatus(id, 'bob', 'rejected', bob)).status, 200);
  assert.ok(!(await listed()).includes(id));
  assert.equal((await setStatus(id, 'bob', 'pending', bob)).status, 200);
  const one = (await (await t.request(`/v2/images/${id}/members/bob`, { token: bob })).json()) as Member;
  assert.equal(one.status, 'pending');
});

test('the owner lists every member, a member only itself; strangers see nothing', async () => {
  const id = await sharedImage();
  await addMember(id, 'bob');
  await addMember(id, 'carol');
  const all = (await (await t.request(`/v2/images/${id}/members`, { token: alice })).json()) as { members: Member[]; schema: string };
  assert.deepEqual(all.members.map((m) => m.member_id).sort(), ['bob', 'carol']);
  assert.equal(all.schema, '/v2/schemas/members');
  const mine = (await (await t.request(`/v2/images/${id}/members`, { token: bob })).json()) as { members: Member[] };
  assert.deepEqual(mine.members.map((m) => m.member_id), ['bob']);
  assert.equal((await t.request(`/v2/images/${id}/members/carol`, { token: bob })).status, 404);
  assert.equal((await t.request(`/v2/images/${id}/members`, { token: t.tokens.member('dave') })).status, 404);
});

test('only the member answers a share; only the owner adds and removes', async () => {
  const id = await sharedImage();
  await addMember(id, 'bob');
  assert.equal((await setStatus(id, 'bob', 'accepted', alice)).status, 403);
  assert.equal((await addMember(id, 'carol', bob)).status, 403);
  assert.equal((await t.request(`/v2/images/${id}/members/bob`, { method: 'DELETE', token: bob })).status, 403);
  assert.equal((await t.request(`/v2/images/${id}/members/bob`, { method: 'DELETE', token: alice })).status, 204);
  assert.equal((await t.request(`/v2/images/${id}`, { token: bob })).status, 404);
  assert.equal((await t.request(`/v2/images/${id}/members/bob`, { method: 'DELETE', token: alice })).status, 404);
});

test('bad member requests: duplicates 409, bad bodies 400, non-shared images 403', async () => {
  const id = await sharedImage();
  await addMember(id, 'bob');
  assert.equal((await addMember(id, 'bob')).status, 409);
  assert.equal((await t.request(`/v2/images/${id}/members`, { method: 'POST', token: alice, ...json({}) })).status, 400);
  assert.equal((await addMember(id, '')).status, 400);
  assert.equal((await setStatus(id, 'bob', 'maybe', bob)).status, 400);
  assert.equal((await t.request(`/v2/images/${id}/members/bob`, { method: 'PUT', token: bob, ...json({}) })).status, 400);
  await t.request(`/v2/images/${id}`, { token: alice, ...patch([{ op: 'replace', path: '/visibility', value: 'private' }]) });
  const res = await addMember(id, 'carol');
  assert.equal(res.status, 403);
  assert.equal((await t.request(`/v2/images/${id}/members`, { token: alice })).status, 403);
  assert.equal((await t.request(`/v2/images/${id}`, { token: bob })).status, 404, 'a private image ignores its members');
  void carol;
});
