import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { applyImagePatch } from './image-patch.apply.js';
import { JSON_PATCH_TYPE, parseImagePatch } from './image-patch.input.js';
import type { ImageRecord } from './image.model.js';

const image = (over: Partial<ImageRecord> = {}): ImageRecord => ({
  id: 'i1',
  name: 'n',
  owner: 'p1',
  status: 'queued',
  visibility: 'private',
  diskFormat: 'raw',
  containerFormat: 'bare',
  size: null,
  virtualSize: null,
  checksum: null,
  osHashAlgo: null,
  osHashValue: null,
  minDisk: 0,
  minRam: 0,
  protected: false,
  osHidden: false,
  dataKey: null,
  createdAt: 0,
  updatedAt: 0,
  tags: [],
  properties: { color: 'red' },
  ...over,
});

const kind = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof DomainError ? err.kind : 'other';
  }
};

test('the patch media type is required', () => {
  assert.equal(kind(() => parseImagePatch('application/json', [])), 'unsupported_media_type');
  assert.deepEqual(parseImagePatch(`${JSON_PATCH_TYPE}; charset=UTF-8`, []), []);
});

test('pointers decode ~1 and ~0, and only top-level keys are paths', () => {
  const [c] = parseImagePatch(JSON_PATCH_TYPE, [{ op: 'add', path: '/a~1b~0c', value: 'v' }]);
  assert.equal(c?.path, 'a/b~c');
  assert.equal(kind(() => parseImagePatch(JSON_PATCH_TYPE, [{ op: 'add', path: '/', value: 'v' }])), 'bad_request');
  assert.equal(kind(() => parseImagePatch(JSON_PATCH_TYPE, [{ op: 'add', path: '/a/', value: 'v' }])), 'bad_request');
  assert.equal(kind(() => parseImagePatch(JSON_PATCH_TYPE, ['add'])), 'bad_request');
});

test('add overwrites, replace and remove need the property, base attributes cannot be removed', () => {
  const ctx = { isAdmin: false };
  const patched = applyImagePatch(image(), parseImagePatch(JSON_PATCH_TYPE, [{ op: 'add', path: '/color', value: 'blue' }]), ctx);
  assert.equal(patched.properties['color'], 'blue');
  assert.equal(kind(() => applyImagePatch(image(), [{ op: 'replace', path: 'size2', value: 'x' }], ctx)), 'conflict');
  assert.equal(kind(() => applyImagePatch(image(), [{ op: 'remove', path: 'name' }], ctx)), 'forbidden');
  assert.equal(applyImagePatch(image(), [{ op: 'remove', path: 'color' }], ctx).properties['color'], undefined);
});

test('the original record is never changed, even by a failing patch', () => {
  const original = image();
  assert.throws(() => applyImagePatch(original, [{ op: 'add', path: 'tags', value: ['a'] }, { op: 'remove', path: 'nope' }], { isAdmin: false }));
  assert.deepEqual(original.tags, []);
});

test('domain rules: publicize, owner and formats once data exists', () => {
  assert.equal(kind(() => applyImagePatch(image(), [{ op: 'replace', path: 'visibility', value: 'public' }], { isAdmin: false })), 'forbidden');
  assert.equal(applyImagePatch(image(), [{ op: 'replace', path: 'visibility', value: 'public' }], { isAdmin: true }).visibility, 'public');
  assert.equal(kind(() => applyImagePatch(image(), [{ op: 'replace', path: 'owner', value: 'p2' }], { isAdmin: false })), 'forbidden');
  const active = image({ status: 'active' });
  assert.equal(kind(() => applyImagePatch(active, [{ op: 'replace', path: 'disk_format', value: 'qcow2' }], { isAdmin: true })), 'forbidden');
  assert.equal(applyImagePatch(active, [{ op: 'replace', path: 'disk_format', value: 'raw' }], { isAdmin: false }).diskFormat, 'raw');
});
