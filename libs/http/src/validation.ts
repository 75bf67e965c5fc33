import { badRequest } from '@tinystack/errors';
import type { z } from 'zod';

/**
 * Parse `value` with a zod schema at the edge; a failure is a 400 whose message names the
 * offending field, like Keystone's "Invalid input for field 'x': ...".
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `Invalid input for field '${issue.path.join('.')}'` : 'Invalid input';
  const what =
    issue?.code === 'unrecognized_keys'
      ? `Additional properties are not allowed (${issue.keys.map((k) => `'${k}'`).join(', ')} unexpected)`
      : (issue?.message ?? 'invalid');
  throw badRequest(`${where}: ${what}`);
}
