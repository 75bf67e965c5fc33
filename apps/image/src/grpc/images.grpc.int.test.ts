// Medium test: the image gRPC contract on a real gRPC server (127.0.0.1), called with the
// nice-grpc client from libs/grpc, as compute and the dashboard call it.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { imageV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import { asyncOf } from '../testing/async-of.js';
import { json, startTestImageService, type TestImageService } from '../testing/test-image-service.js';

let t: TestImageService;
let client: Client<typeof imageV1.ImageServiceDefinition, TinystackCallOptions>;
let alice: string;
let bob: string;

before(async () => {
  t = await startTestImageService();
  client = createServiceClient(imageV1.ImageServiceDefinition, t.grpcUrl).client;
  alice = t.tokens.member('alice');
  bob = t.tokens.member('bob');
});
after(() => t.close());

async function restImage(body: Record<string, unknown>, data?: Buffer): Promise<string> {
  const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ disk_format: 'raw', container_format: 'bare', ...body }) });
  const { id } = (await res.json()) as { id: string };
  if (data) {
    await t.request(`/v2/images/${id}/file`, { method: 'PUT', token: alice, body: data, headers: { 'Content-Type': 'application/octet-stream' } });
  }
  return id;
}

const kindOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof DomainError, String(err));
    return err.kind;
  }
};

async function readAll(stream: AsyncIterable<imageV1.GetImageDataResponse>) {
  let image: imageV1.Image | undefined;
  const chunks: Buffer[] = [];
  for await (const m of stream) {
    if (m.image) {
      image = m.image;
    } else if (m.chunk) {
      assert.ok(m.chunk.length <= 1024 * 1024);
      chunks.push(Buffer.from(m.chunk));
    }
  }
  return { image, data: Buffer.concat(chunks) };
}

test('GetImage and ListImages follow the caller visibility rules', async () => {
  const id = await restImage({ name: 'grpc-private', visibility: 'private', os_distro: 'debian', tags: ['t'] });
  const { image } = await client.getImage({ id }, { token: alice });
  assert.equal(image?.name, 'grpc-private');
  assert.equal(image?.status, 'queued');
  assert.equal(image?.size, undefined);
  assert.deepEqual(image?.properties, { os_distro: 'debian' });
  assert.deepEqual(image?.tags, ['t']);
  assert.equal(await kindOf(client.getImage({ id }, { token: bob })), 'not_found');
  assert.equal(await kindOf(client.getImage({ id })), 'unauthorized');
  const listed = await client.listImages({ visibility: '', limit: 0, marker: '', tags: ['t'], name: '', status: '' }, { token: alice });
  assert.deepEqual(listed.images.map((i) => i.id), [id]);
  assert.equal(listed.nextMarker, '');
  assert.equal(await kindOf(client.listImages({ visibility: 'secret', limit: 0, marker: '', tags: [], name: '', status: '' }, { token: alice })), 'bad_request');
});

test('GetImageData streams the image, then its bytes in chunks, or a range of them', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 5);
  const id = await restImage({ name: 'grpc-data' }, data);
  const whole = await readAll(client.getImageData({ id }, { token: alice }));
  assert.equal(whole.image?.checksum, createHash('md5').update(data).digest('hex'));
  assert.equal(whole.image?.size, data.length);
  assert.ok(whole.data.equals(data));
  const part = await readAll(client.getImageData({ id, range: { start: 10, end: 1_000_009 } }, { token: alice }));
  assert.ok(part.data.equals(data.subarray(10, 1_000_010)));
  const empty = await restImage({ name: 'no-data' });
  assert.equal(await kindOf(readAll(client.getImageData({ id: empty }, { token: alice }))), 'precondition_failed');
  assert.equal(await kindOf(readAll(client.getImageData({ id }, { token: bob }))), 'not_found');
});

function snapshot(header: Partial<imageV1.SnapshotHeader>, chunks: Buffer[], token = alice) {
  const messages = (): AsyncGenerator<imageV1.CreateSnapshotRequest> =>
    asyncOf<imageV1.CreateSnapshotRequest>([
      {
        header: {
        name: 'snap',
        diskFormat: 'raw',
        containerFormat: 'bare',
        visibility: '',
        minDisk: 1,
        minRam: 0,
        properties: { image_type: 'snapshot', instance_uuid: 'i-1' },
        tags: [],
          size: -1,
          ...header,
        },
      },
      ...chunks.map((chunk) => ({ chunk })),
    ]);
  return client.createSnapshot(messages(), { token });
}

test('CreateSnapshot makes an active private image from the streamed bytes', async () => {
  const chunks = Array.from({ length: 20 }, () => randomBytes(256 * 1024));
  const all = Buffer.concat(chunks);
  const { image } = await snapshot({ name: 'snap-ok', size: all.length }, chunks);
  assert.equal(image?.status, 'active');
  assert.equal(image?.visibility, 'private');
  assert.equal(image?.owner, 'alice');
  assert.equal(image?.size, all.length);
  assert.equal(image?.checksum, createHash('md5').update(all).digest('hex'));
  assert.equal(image?.properties['image_type'], 'snapshot');
  const back = await readAll(client.getImageData({ id: image?.id ?? '' }, { token: alice }));
  assert.ok(back.data.equals(all));
});

test('a failed snapshot leaves no image behind', async () => {
  const names = async () =>
    (await client.listImages({ visibility: 'all', limit: 1000, marker: '', tags: [], name: '', status: '' }, { token: alice })).images.map((i) => i.name);
  assert.equal(await kindOf(snapshot({ name: 'snap-bad-format', diskFormat: 'qcow2' }, [randomBytes(4096)])), 'bad_request');
  assert.equal(await kindOf(snapshot({ name: 'snap-short', size: 10_000 }, [randomBytes(4096)])), 'bad_request');
  assert.equal(await kindOf(snapshot({ name: 'snap-no-format', diskFormat: '' }, [randomBytes(16)])), 'bad_request');
  assert.equal(await kindOf(snapshot({ name: 'snap-reader' }, [randomBytes(16)], t.tokens.reader('alice'))), 'forbidden');
  const headerless = client.createSnapshot(asyncOf([{ chunk: Buffer.from('x') }]), { token: alice });
  assert.equal(await kindOf(headerless), 'bad_request');
  const left = await names();
  for (const n of ['snap-bad-format', 'snap-short', 'snap-no-format', 'snap-reader']) {
    assert.ok(!left.includes(n), n);
  }
});

const noChange = { setProperties: {}, removeProperties: [] };

test('UpdateImage changes name, protection and properties with the REST rules; only admins publicize', async () => {
  const id = await restImage({ name: 'grpc-edit', visibility: 'private', os_distro: 'debian', stale: 'x' });
  const { image } = await client.updateImage(
    { id, name: 'grpc-edited', protected: true, setProperties: { os_version: '12', 'a/b': 'slash' }, removeProperties: ['stale'] },
    { token: alice },
  );
  assert.equal(image?.name, 'grpc-edited');
  assert.equal(image?.protected, true);
  assert.equal(image?.visibility, 'private');
  assert.deepEqual(image?.properties, { os_distro: 'debian', os_version: '12', 'a/b': 'slash' });
  assert.equal(await kindOf(client.updateImage({ id, visibility: 'public', ...noChange }, { token: alice })), 'forbidden');
  assert.equal(await kindOf(client.updateImage({ id, visibility: 'secret', ...noChange }, { token: alice })), 'bad_request');
  assert.equal(await kindOf(client.updateImage({ id, setProperties: {}, removeProperties: ['missing'] }, { token: alice })), 'conflict');
  assert.equal(await kindOf(client.updateImage({ id, name: 'x', ...noChange }, { token: t.tokens.reader('alice') })), 'forbidden');
  assert.equal(await kindOf(client.updateImage({ id, name: 'x', ...noChange }, { token: bob })), 'not_found');
  const admin = await client.updateImage({ id, visibility: 'public', ...noChange }, { token: t.tokens.admin() });
  assert.equal(admin.image?.visibility, 'public');
  const { image: back } = await client.getImage({ id }, { token: alice });
  assert.equal(back?.name, 'grpc-edited');
  assert.equal(back?.visibility, 'public');
});

test('DeleteImage refuses a protected image, then deletes it and its data once unprotected', async () => {
  const id = await restImage({ name: 'grpc-delete', protected: true }, randomBytes(4096));
  assert.equal(await kindOf(client.deleteImage({ id }, { token: alice })), 'forbidden');
  assert.equal((await client.getImage({ id }, { token: alice })).image?.status, 'active');
  assert.equal(await kindOf(client.deleteImage({ id }, { token: bob })), 'not_found');
  await client.updateImage({ id, protected: false, ...noChange }, { token: alice });
  assert.equal(await kindOf(client.deleteImage({ id }, { token: t.tokens.reader('alice') })), 'forbidden');
  assert.deepEqual(await client.deleteImage({ id }, { token: alice }), {});
  assert.equal(await kindOf(client.getImage({ id }, { token: alice })), 'not_found');
  assert.equal(await kindOf(client.deleteImage({ id }, { token: alice })), 'not_found');
});
