import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSafeImage, type ImageFacts } from './qemu-img.js';

const facts = (over: Partial<ImageFacts> = {}): ImageFacts => ({
  format: 'qcow2',
  virtualSize: 1 << 30,
  actualSize: 1 << 20,
  backingFile: undefined,
  dataFile: undefined,
  ...over,
});

test('plain raw and qcow2 images pass and keep their format', () => {
  assert.equal(assertSafeImage(facts(), 'qcow2'), 'qcow2');
  assert.equal(assertSafeImage(facts({ format: 'raw' }), 'raw'), 'raw');
  assert.equal(assertSafeImage(facts({ format: 'raw' }), undefined), 'raw');
});

test('backing files, data files, other formats and format mismatches are refused', () => {
  assert.throws(() => assertSafeImage(facts({ backingFile: '/etc/shadow' }), 'qcow2'), {
    kind: 'bad_request',
    message: /backing file/,
  });
  assert.throws(() => assertSafeImage(facts({ dataFile: '/dev/sda' }), 'qcow2'), {
    kind: 'bad_request',
    message: /data file/,
  });
  assert.throws(() => assertSafeImage(facts({ format: 'vmdk' }), 'vmdk'), {
    kind: 'bad_request',
    message: /not supported/,
  });
  assert.throws(() => assertSafeImage(facts({ format: 'qcow2' }), 'raw'), {
    kind: 'bad_request',
    message: /declared raw/,
  });
});
