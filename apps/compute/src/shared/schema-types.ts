import { z } from 'zod';

/** Nova's largest database integer. */
export const DB_MAX_INT = 2147483647;

/**
 * Nova's parameter types, in zod: strict objects stand for `additionalProperties: False`;
 * integers may arrive as digit strings, as Nova's schemas allow.
 */
export const intLike = (min: number, max = DB_MAX_INT) =>
  z
    .union([z.number().int(), z.string().regex(/^-?[0-9]+$/, 'must be an integer')])
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Nova's `name` format: printable, no leading or trailing whitespace, 1-255 characters. */
export const nameString = (max = 255) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, 'must not begin or end with whitespace')
    .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127), 'must be printable');

/** Nova's parameter_types.boolean: JSON booleans and the usual strings. */
export const boolLike = z.union([
  z.boolean(),
  z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 't', 'f', 'y', 'n']))
    .transform((s) => ['true', '1', 'yes', 'on', 't', 'y'].includes(s)),
]);

/** Nova's metadata: string keys of 1-255 and string values of at most 255 characters. */
export const metadataObject = z.record(z.string().min(1).max(255), z.string().max(255));

export const uuidString = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, 'is not a UUID');

/** A Nova action body entry whose value must be null (`{"os-start": null}`). */
export const nullAction = z.null();
