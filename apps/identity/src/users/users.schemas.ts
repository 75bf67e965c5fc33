import { z } from 'zod';
import { description, enabled, idString, name255, withExtra, wrapped } from '../shared/schemas.js';
import { MAX_PASSWORD_LENGTH } from './password-hasher.js';

const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

/** Keystone's user options that identity honours or keeps. */
const options = z
  .strictObject({
    ignore_lockout_failure_attempts: z.boolean().nullable().optional(),
    ignore_change_password_upon_first_use: z.boolean().nullable().optional(),
    ignore_password_expiry: z.boolean().nullable().optional(),
    lock_password: z.boolean().nullable().optional(),
    multi_factor_auth_enabled: z.boolean().nullable().optional(),
    multi_factor_auth_rules: z.array(z.array(z.string())).nullable().optional(),
  })
  .optional();

const common = {
  enabled: enabled.optional(),
  password: password.nullable().optional(),
  default_project_id: idString.nullable().optional(),
  description: description.optional(),
  email: z.string().max(255).nullable().optional(),
  options,
};

export const createUserSchema = wrapped(
  'user',
  withExtra({ ...common, name: name255, domain_id: idString.optional() }),
);
export const updateUserSchema = wrapped('user', withExtra({ ...common, name: name255.optional() }));
export const changePasswordSchema = wrapped(
  'user',
  z.strictObject({ password, original_password: z.string().max(MAX_PASSWORD_LENGTH) }),
);

export type CreateUserInput = z.infer<typeof createUserSchema>['user'];
export type UpdateUserInput = z.infer<typeof updateUserSchema>['user'];
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>['user'];

/** Attributes with columns of their own; everything else (description, email, ...) is extra. */
export const USER_KNOWN_KEYS = [
  'name',
  'domain_id',
  'enabled',
  'password',
  'default_project_id',
  'options',
] as const;
