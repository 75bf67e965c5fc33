import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalid } from './form-state.ts';
import {
  ChangePasswordSchema,
  GrantKeySchema,
  GrantSchema,
  ResetPasswordSchema,
  grantKey,
  NewCredentialSchema,
  NewProjectSchema,
  NewUserSchema,
  UserEnabledSchema,
} from './identity.schemas.ts';

test('project: a name is required; the checkbox is on only when sent as "on"', () => {
  assert.deepEqual(NewProjectSchema.parse({ name: ' web ', enabled: 'on' }), {
    name: 'web',
    description: '',
    enabled: true,
  });
  assert.equal(NewProjectSchema.parse({ name: 'web' }).enabled, false);
  const bad = NewProjectSchema.safeParse({ name: '  ' });
  assert.ok(!bad.success);
  assert.deepEqual(invalid(bad.error).fieldErrors?.name, ['Enter a project name.']);
});

test('user: both passwords must match, the email must look like one, no project is fine', () => {
  const ok = NewUserSchema.parse({ name: 'erin', password: 'pw', confirm: 'pw', enabled: 'on' });
  assert.equal(ok.defaultProjectId, '');
  assert.equal(ok.email, '');
  const bad = NewUserSchema.safeParse({
    name: 'erin',
    password: 'pw',
    confirm: 'px',
    email: 'nope',
    defaultProjectId: '../x',
  });
  assert.ok(!bad.success);
  const errors = invalid(bad.error).fieldErrors ?? {};
  assert.deepEqual(errors.confirm, ['The two passwords are not the same.']);
  assert.deepEqual(errors.email, ['That is not an email address.']);
  assert.deepEqual(errors.defaultProjectId, ['That is not a valid ID.']);
});

test('enable/disable reads "true"/"false" and nothing else', () => {
  assert.equal(UserEnabledSchema.parse({ id: 'u1', enabled: 'false' }).enabled, false);
  assert.equal(UserEnabledSchema.safeParse({ id: 'u1', enabled: 'yes' }).success, false);
});

test('grants: the actor is a user or a group, the target a project or a domain; a revoke key round-trips', () => {
  const parsed = GrantSchema.parse({ roleId: 'r1', actor: 'group:g1', target: 'domain:default' });
  assert.deepEqual(parsed.actor, { kind: 'group', id: 'g1' });
  assert.deepEqual(parsed.target, { kind: 'domain', id: 'default' });
  assert.equal(
    GrantSchema.safeParse({ roleId: 'r1', actor: 'admin:x', target: 'project:p1' }).success,
    false,
  );
  assert.equal(
    GrantSchema.safeParse({ roleId: 'r1', actor: 'user:u1', target: 'region:r1' }).success,
    false,
  );
  for (const target of ['project', 'domain'] as const) {
    const g = { actor: 'user' as const, actorId: 'u-1', roleId: 'r_2', target, targetId: 'p3' };
    assert.deepEqual(GrantKeySchema.parse(grantKey(g)), g);
  }
  assert.equal(GrantKeySchema.safeParse('user:u1:r1:p1').success, false);
  assert.equal(GrantKeySchema.safeParse('user:u1:r1:project:p1:extra').success, false);
});

test('an admin password reset needs the password twice', () => {
  assert.equal(
    ResetPasswordSchema.safeParse({ id: 'u1', password: 'a-Pass-1', confirm: 'a-Pass-1' }).success,
    true,
  );
  const r = ResetPasswordSchema.safeParse({ id: 'u1', password: 'a-Pass-1', confirm: 'other' });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.flatten().fieldErrors.confirm, ['The two passwords are not the same.']);
  assert.equal(
    ResetPasswordSchema.safeParse({ id: 'u1', password: '', confirm: '' }).success,
    false,
  );
});

test('application credential: empty expiry is never (0); a date is its end in UTC; not in the past', () => {
  assert.equal(NewCredentialSchema.parse({ name: 'ci' }).expires, 0);
  assert.equal(
    NewCredentialSchema.parse({ name: 'ci', expires: '2999-01-31' }).expires,
    Date.parse('2999-01-31T23:59:59Z'),
  );
  const past = NewCredentialSchema.safeParse({ name: 'ci', expires: '2001-01-01' });
  assert.ok(!past.success);
  assert.deepEqual(invalid(past.error).fieldErrors?.expires, ['Choose a date in the future.']);
});

test('password change: the new one twice, and not the same as the current one', () => {
  assert.ok(
    ChangePasswordSchema.safeParse({ originalPassword: 'a', password: 'b', confirm: 'b' }).success,
  );
  const same = ChangePasswordSchema.safeParse({
    originalPassword: 'a',
    password: 'a',
    confirm: 'a',
  });
  assert.ok(!same.success);
  assert.deepEqual(invalid(same.error).fieldErrors?.password, [
    'The new password is the same as the current one.',
  ]);
  const typo = ChangePasswordSchema.safeParse({
    originalPassword: 'a',
    password: 'b',
    confirm: 'c',
  });
  assert.ok(!typo.success);
  assert.deepEqual(invalid(typo.error).fieldErrors?.confirm, [
    'The two new passwords are not the same.',
  ]);
});
