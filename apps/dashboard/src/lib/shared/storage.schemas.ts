import { z } from 'zod';

const utf8Length = (s: string) => new TextEncoder().encode(s).byteLength;

/** A Swift container name: 1-256 bytes, no slash. */
export const ContainerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a container name.')
  .refine((s) => utf8Length(s) <= 256, 'A container name has at most 256 bytes.')
  .refine((s) => !s.includes('/'), 'A container name cannot contain a slash (/).');

/** A Swift object name: 1-1024 bytes; slashes make pseudo-folders. */
export const ObjectNameSchema = z
  .string()
  .min(1, 'Enter an object name.')
  .refine((s) => utf8Length(s) <= 1024, 'An object name has at most 1024 bytes.')
  .refine((s) => !s.startsWith('/'), 'An object name cannot start with a slash.');

export const CreateContainerSchema = z.object({ name: ContainerNameSchema });

export const ObjectRefSchema = z.object({ container: ContainerNameSchema, name: ObjectNameSchema });

export const ContainerAccessSchema = z.object({
  container: ContainerNameSchema,
  access: z.enum(['public', 'private']),
});

export const TempUrlSchema = ObjectRefSchema.extend({
  ttl: z.coerce
    .number()
    .int('Choose how long the link works.')
    .min(60, 'A link works for at least a minute.')
    .max(30 * 24 * 3600, 'A link works for at most 30 days.'),
});

/**
 * The pseudo-folder path of a prefix, for breadcrumbs: "a/b/" → [["a","a/"],["b","a/b/"]].
 */
export function prefixCrumbs(prefix: string): Array<{ name: string; prefix: string }> {
  const parts = prefix.split('/').filter(Boolean);
  return parts.map((name, i) => ({ name, prefix: `${parts.slice(0, i + 1).join('/')}/` }));
}

/** "a/b/c.txt" under prefix "a/" → "b/c.txt": the name shown inside a folder. */
export function nameInFolder(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
