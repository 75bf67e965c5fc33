import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EditImageSchema,
  hasImageChanges,
  imageChanges,
  imageFieldOf,
  PropertiesTextSchema,
  propertiesText,
} from './image.schemas.ts';

test('properties text: key=value lines, blank lines skipped, values may hold =', () => {
  assert.deepEqual(
    PropertiesTextSchema.parse('os_distro = debian\n\n  hw_qemu_guest_agent=yes\nnote=a=b'),
    {
      os_distro: 'debian',
      hw_qemu_guest_agent: 'yes',
      note: 'a=b',
    },
  );
  for (const [text, why] of [
    ['no equals sign', /line 1 is not key=value/i],
    ['a=1\n=2', /line 2 has no key/i],
    ['a=1\na=2', /repeats the key a/i],
  ] as const) {
    const r = PropertiesTextSchema.safeParse(text);
    assert.equal(r.success, false);
    assert.match(r.error?.issues[0]?.message ?? '', why);
  }
  assert.equal(propertiesText({ b: '2', a: '1' }), 'a=1\nb=2');
});

test('image changes: only what differs goes to the service', () => {
  const current = {
    name: 'deb',
    visibility: 'private',
    protected: false,
    properties: { a: '1', b: '2' },
  };
  const same = EditImageSchema.parse({
    id: 'x',
    name: 'deb',
    visibility: 'private',
    protected: false,
    properties: 'a=1\nb=2',
  });
  assert.equal(hasImageChanges(imageChanges(current, same)), false);
  const next = EditImageSchema.parse({
    id: 'x',
    name: 'deb 12',
    visibility: 'shared',
    protected: true,
    properties: 'a=1\nb=3\nc=4',
  });
  assert.deepEqual(
    imageChanges({ ...current, properties: { ...current.properties, gone: 'x' } }, next),
    {
      name: 'deb 12',
      visibility: 'shared',
      protected: true,
      setProperties: { b: '3', c: '4' },
      removeProperties: ['gone'],
    },
  );
});

test('a refusal from the image service lands next to its field', () => {
  assert.equal(
    imageFieldOf('You are not authorized to complete publicize_image action.'),
    'visibility',
  );
  assert.equal(imageFieldOf("Attribute 'os_hash_algo' is read-only."), 'properties');
  assert.equal(imageFieldOf('Image x is protected and cannot be deleted.'), 'protected');
  assert.equal(imageFieldOf('Something else'), undefined);
});
