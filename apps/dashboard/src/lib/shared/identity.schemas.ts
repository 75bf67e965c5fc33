import { z } from 'zod';

/** An identity ID (projects, users, groups, roles, credentials): hex or UUID-like. */
export const IdSchema = z
  .string()
  .trim()
  .min(1, 'Choose one from the list.')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'That is not a valid ID.');

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter a ${what} name.`)
    .max(255, `A ${what} name has at most 255 characters.`);
const description = z
  .string()
  .trim()
  .max(1000, 'A description has at most 1,000 characters.')
  .default('');
/** An HTML checkbox: "on" when ticked, absent when not. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');
const password = z
  .string()
  .min(1, 'Enter a password.')
  .max(4096, 'That password is too long (at most 4,096 characters).');

export const NewProjectSchema = z.object({ name: name('project'), description, enabled: checkbox });
export const EditProjectSchema = z.object({ id: IdSchema, description, enabled: checkbox });

export const NewUserSchema = z
  .object({
    name: name('user'),
    password,
    confirm: z.string(),
    email: z
      .string()
      .trim()
      .max(255)
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), 'That is not an email address.')
      .default(''),
    defaultProjectId: z.union([z.literal(''), IdSchema]).default(''),
    enabled: checkbox,
  })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'The two passwords are not the same.',
  });

export const UserEnabledSchema = z.object({
  id: IdSchema,
  enabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export const NewGroupSchema = z.object({ name: name('group'), description });
export const NewRoleSchema = z.object({
  name: name('role'),
  description,
});
export const MembershipSchema = z.object({ groupId: IdSchema, userId: IdSchema });

/** Where a role is given: a project or a whole domain. */
export type GrantTarget = 'project' | 'domain';

const ID_PART = '[A-Za-z0-9_-]{1,64}';

/**
 * "Give a role": who (a user or a group, as `user:<id>` / `group:<id>`), which role, and
 * where (`project:<id>` / `domain:<id>`).
 */
export const GrantSchema = z.object({
  roleId: IdSchema,
  actor: z
    .string()
    .regex(new RegExp(`^(user|group):${ID_PART}$`), 'Choose a user or a group.')
    .transform((v) => {
      const [kind, id] = v.split(':') as ['user' | 'group', string];
      return { kind, id };
    }),
  target: z
    .string()
    .regex(new RegExp(`^(project|domain):${ID_PART}$`), 'Choose a project or a domain.')
    .transform((v) => {
      const [kind, id] = v.split(':') as [GrantTarget, string];
      return { kind, id };
    }),
});

export interface GrantKey {
  readonly actor: 'user' | 'group';
  readonly actorId: string;
  readonly roleId: string;
  readonly target: GrantTarget;
  readonly targetId: string;
}

/** One assignment as a single form value (revoke buttons): `user|group:<id>:<role>:project|domain:<id>`. */
export function grantKey(a: GrantKey) {
  return `${a.actor}:${a.actorId}:${a.roleId}:${a.target}:${a.targetId}`;
}

export const GrantKeySchema = z
  .string()
  .regex(new RegExp(`^(user|group):${ID_PART}:${ID_PART}:(project|domain):${ID_PART}$`))
  .transform((v): GrantKey => {
    const [actor, actorId, roleId, target, targetId] = v.split(':') as [
      'user' | 'group',
      string,
      string,
      GrantTarget,
      string,
    ];
    return { actor, actorId, roleId, target, targetId };
  });

/** An admin setting another user's password. */
export const ResetPasswordSchema = z
  .object({ id: IdSchema, password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'The two passwords are not the same.',
  });

export const NewCredentialSchema = z.object({
  name: name('credential'),
  description,
  /** A date (YYYY-MM-DD), the end of which it expires; empty: never. */
  expires: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Enter a date, or leave it empty.')
    .transform((v) => (v === '' ? 0 : Date.parse(`${v}T23:59:59Z`)))
    .refine((ms) => ms === 0 || ms > Date.now(), 'Choose a date in the future.'),
});

export const ChangePasswordSchema = z
  .object({
    originalPassword: z.string().min(1, 'Enter your current password.').max(4096),
    password,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'The two new passwords are not the same.',
  })
  .refine((v) => v.password !== v.originalPassword, {
    path: ['password'],
    message: 'The new password is the same as the current one.',
  });
