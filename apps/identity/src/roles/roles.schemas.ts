import { z } from 'zod';
import { description, idString, name255, withExtra, wrapped } from '../shared/schemas.js';

const options = z.strictObject({ immutable: z.boolean().nullable().optional() }).optional();

export const createRoleSchema = wrapped(
  'role',
  withExtra({
    name: name255,
    domain_id: idString.nullable().optional(),
    description: description.optional(),
    options,
  }),
);
export const updateRoleSchema = wrapped(
  'role',
  withExtra({ name: name255.optional(), description: description.optional(), options }),
);

export type CreateRoleInput = z.infer<typeof createRoleSchema>['role'];
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>['role'];

export const ROLE_KNOWN_KEYS = ['name', 'domain_id', 'description', 'options'] as const;
