import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../users/password-hasher.js';

const id = z.string().min(1).max(64);
const name = z.string().min(1).max(255);

export const domainRefSchema = z
  .strictObject({ id: id.optional(), name: name.optional() })
  .refine((d) => d.id !== undefined || d.name !== undefined, {
    message: 'a domain id or name is required',
  });

const userRef = z
  .strictObject({ id: id.optional(), name: name.optional(), domain: domainRefSchema.optional() })
  .refine((u) => u.id !== undefined || (u.name !== undefined && u.domain !== undefined), {
    message: 'a user id, or a user name with its domain, is required',
  });

const passwordUser = z
  .strictObject({
    id: id.optional(),
    name: name.optional(),
    domain: domainRefSchema.optional(),
    password: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((u) => u.id !== undefined || (u.name !== undefined && u.domain !== undefined), {
    message: 'a user id, or a user name with its domain, is required',
  });

const projectScope = z
  .strictObject({ id: id.optional(), name: name.optional(), domain: domainRefSchema.optional() })
  .refine((p) => p.id !== undefined || (p.name !== undefined && p.domain !== undefined), {
    message: 'a project id, or a project name with its domain, is required',
  });

export const scopeSchema = z.union([
  z.literal('unscoped'),
  z.strictObject({ project: projectScope }),
  z.strictObject({ domain: domainRefSchema }),
  z.strictObject({ system: z.record(z.string(), z.unknown()) }),
]);

export const authRequestSchema = z.strictObject({
  auth: z.strictObject({
    identity: z.strictObject({
      methods: z.array(z.string().max(64)).min(1).max(4),
      password: z.strictObject({ user: passwordUser }).optional(),
      token: z.strictObject({ id: z.string().min(1).max(8192) }).optional(),
      application_credential: z
        .strictObject({
          id: id.optional(),
          name: name.optional(),
          user: userRef.optional(),
          secret: z.string().min(1).max(4096),
        })
        .refine((c) => c.id !== undefined || (c.name !== undefined && c.user !== undefined), {
          message: 'an application credential id, or its name with its user, is required',
        })
        .optional(),
    }),
    scope: scopeSchema.optional(),
  }),
});

export type AuthRequest = z.infer<typeof authRequestSchema>;
export type DomainRef = z.infer<typeof domainRefSchema>;
export type UserRef = z.infer<typeof userRef>;
export type PasswordUser = z.infer<typeof passwordUser>;
export type ScopeRequest = z.infer<typeof scopeSchema>;
