import { parseInput } from '@tinystack/http';
import { z } from 'zod';

/** `{"<key>": {...}}`, the envelope of every Neutron request body, parsed with `schema`. */
export function envelope<S extends z.ZodType>(key: string, schema: S, body: unknown): z.infer<S> {
  const parsed = parseInput(z.object({ [key]: schema }).strict(), body ?? {}) as Record<string, z.infer<S>>;
  return parsed[key];
}

export const name = z.string().max(255);
export const description = z.string().max(255);
export const owner = { project_id: z.string().max(64).optional(), tenant_id: z.string().max(64).optional() };
/** Neutron accepts booleans as JSON booleans and as 'true'/'false' strings. */
export const bool = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true')]);
