import { z } from 'zod';
import { description, idString, name255, wrapped } from '../shared/schemas.js';

const roleRef = z
  .strictObject({
    id: idString.optional(),
    name: name255.optional(),
    domain_id: idString.nullable().optional(),
  })
  .refine((r) => r.id !== undefined || r.name !== undefined, {
    message: 'a role id or name is required',
  });

export const createAppCredentialSchema = wrapped(
  'application_credential',
  z.strictObject({
    name: name255,
    description: description.optional(),
    secret: z.string().min(1).max(4096).nullable().optional(),
    expires_at: z.string().max(64).nullable().optional(),
    roles: z.array(roleRef).max(100).optional(),
    unrestricted: z.boolean().nullable().optional(),
    access_rules: z.array(z.unknown()).max(0, 'access rules are not supported').optional(),
  }),
);

export type CreateAppCredentialInput = z.infer<
  typeof createAppCredentialSchema
>['application_credential'];
