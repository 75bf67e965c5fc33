import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLocalPath, LoginSchema, SwitchProjectSchema } from './auth.schemas.ts';
import { NewImageSchema, guessDiskFormat } from './image.schemas.ts';
import {
  ContainerNameSchema,
  nameInFolder,
  ObjectNameSchema,
  prefixCrumbs,
  TempUrlSchema,
} from './storage.schemas.ts';
import { invalid } from './form-state.ts';

test('login: an empty domain is the default domain; user and password are required', () => {
  const ok = LoginSchema.parse({ domain: ' ', username: ' alice ', password: 'pw' });
  assert.equal(ok.domain, 'Default');
  assert.equal(ok.username, 'alice');
  const bad = LoginSchema.safeParse({ domain: '', username: '', password: '' });
  assert.equal(bad.success, false);
  assert.ok(bad.error);
  const state = invalid(bad.error);
  assert.deepEqual(state.fieldErrors?.username, ['Enter your user name.']);
  assert.deepEqual(state.fieldErrors?.password, ['Enter your password.']);
});

test('login: `next` is kept only when it is a path on this site', () => {
  assert.equal(
    LoginSchema.parse({ domain: '', username: 'a', password: 'b', next: '/projects/p1/images' })
      .next,
    '/projects/p1/images',
  );
  for (const evil of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/a b',
  ]) {
    assert.equal(isLocalPath(evil), false, evil);
    assert.equal(
      LoginSchema.parse({ domain: '', username: 'a', password: 'b', next: evil }).next,
      undefined,
    );
  }
});

test('project switch takes a project id only', () => {
  assert.equal(SwitchProjectSchema.safeParse({ projectId: 'abc123' }).success, true);
  assert.equal(SwitchProjectSchema.safeParse({ projectId: '../x' }).success, false);
  assert.equal(SwitchProjectSchema.safeParse({ projectId: '' }).success, false);
});

test('container and object names follow Swift rules', () => {
  assert.equal(ContainerNameSchema.safeParse('backups').success, true);
  assert.equal(ContainerNameSchema.safeParse('a/b').success, false);
  assert.equal(ContainerNameSchema.safeParse('é'.repeat(129)).success, false);
  assert.equal(ObjectNameSchema.safeParse('dir/file.txt').success, true);
  assert.equal(ObjectNameSchema.safeParse('/abs').success, false);
  assert.equal(TempUrlSchema.safeParse({ container: 'c', name: 'o', ttl: '30' }).success, false);
  assert.equal(TempUrlSchema.safeParse({ container: 'c', name: 'o', ttl: '3600' }).success, true);
});

test('pseudo-folder breadcrumbs and names', () => {
  assert.deepEqual(prefixCrumbs('a/b/'), [
    { name: 'a', prefix: 'a/' },
    { name: 'b', prefix: 'a/b/' },
  ]);
  assert.deepEqual(prefixCrumbs(''), []);
  assert.equal(nameInFolder('a/b/c.txt', 'a/'), 'b/c.txt');
});

test('new image: formats and visibility are checked, numbers coerced', () => {
  const ok = NewImageSchema.parse({
    name: 'cirros',
    diskFormat: 'qcow2',
    containerFormat: 'bare',
    visibility: 'private',
    minDisk: '1',
    minRam: '',
  });
  assert.equal(ok.minDisk, 1);
  assert.equal(
    NewImageSchema.safeParse({
      name: 'x',
      diskFormat: 'exe',
      containerFormat: 'bare',
      visibility: 'private',
    }).success,
    false,
  );
  assert.equal(guessDiskFormat('cirros-0.6.2-x86_64-disk.img'), 'qcow2');
  assert.equal(guessDiskFormat('debian.ISO'), 'iso');
  assert.equal(guessDiskFormat('blob.bin'), 'raw');
});
