import { z } from 'zod';

/** Building blocks of the request schemas (Keystone's parameter_types). */
export const idString = z.string().min(1).max(64);
export const name64 = z.string().trim().min(1).max(64);
export const name255 = z.string().trim().min(1).max(255);
export const description = z.string().max(65_535).nullable();
export const enabled = z.boolean();
export const tags = z
  .array(
    z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^,/]*$/, 'tags may not contain "," or "/"'),
  )
  .max(80);

/** `{"<key>": {...}}` with nothing else at the top level. */
export function wrapped<K extends string, S extends z.ZodType>(key: K, inner: S) {
  return z.strictObject({ [key]: inner } as { [P in K]: S });
}

/** Deepest nesting accepted in a free-form attribute value. */
export const MAX_EXTRA_DEPTH = 16;

/** Nesting depth of a JSON value, stopping as soon as it exceeds `limit` (no deep recursion). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) {
      return true;
    }
    level = level.flatMap((v): unknown[] =>
      v !== null && typeof v === 'object' ? Object.values(v as Record<string, unknown>) : [],
    );
  }
  return false;
}

/** True when a string or object key anywhere in `value` contains U+0000 (iterative: any depth). */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) {
        return true;
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) {
          return true;
        }
        stack.push(child);
      }
    }
  }
  return false;
}

/** Free-form extra attributes: any JSON value, but not ones identity computes. */
export function withExtra<S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((v, ctx) => {
      for (const key of ['id', 'links']) {
        if (key in v) {
          ctx.addIssue({ code: 'custom', path: [key], message: `'${key}' is read-only` });
        }
      }
      if (jsonDepthExceeds(v, MAX_EXTRA_DEPTH)) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `attributes may nest at most ${MAX_EXTRA_DEPTH} levels`,
        });
      }
    });
}
