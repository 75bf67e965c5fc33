import { z } from 'zod';

/** The login form. An empty domain means the default domain, as in the openstack CLI. */
export const LoginSchema = z.object({
  domain: z
    .string()
    .trim()
    .max(255, 'A domain name has at most 255 characters.')
    .transform((v) => v || 'Default'),
  username: z
    .string()
    .trim()
    .min(1, 'Enter your user name.')
    .max(255, 'A user name has at most 255 characters.'),
  password: z.string().min(1, 'Enter your password.').max(4096, 'That password is too long.'),
  next: z
    .string()
    .optional()
    .transform((v) => (v && isLocalPath(v) ? v : undefined)),
});
export type LoginInput = z.infer<typeof LoginSchema>;
export type LoginField = 'domain' | 'username' | 'password';

export const SwitchProjectSchema = z.object({
  projectId: z
    .string()
    .trim()
    .min(1, 'Choose a project.')
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'That is not a project ID.'),
  next: z
    .string()
    .optional()
    .transform((v) => (v && isLocalPath(v) ? v : undefined)),
});

/** A path on this site (`/x`), never another origin (`//evil`, `/\evil`, `https://...`). */
export function isLocalPath(p: string): boolean {
  return /^\/(?![/\\])[^\s]*$/.test(p) && p.length <= 2048;
}
