import { conflict, notFound } from '@tinystack/errors';
import { isUniqueViolation } from '@tinystack/db';

/** Keystone's 404 message: "Could not find project: <id>." */
export const notFoundOf = (kind: string, id: string) => notFound(`Could not find ${kind}: ${id}.`);

/** Run a write; a unique-constraint violation becomes Keystone's 409. */
export async function uniquely<T>(
  what: string,
  detail: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict(
        `Conflict occurred attempting to store ${what} - Duplicate entry found with ${detail}.`,
      );
    }
    throw err;
  }
}
