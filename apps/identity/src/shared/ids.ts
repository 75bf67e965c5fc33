import { randomBytes, randomUUID } from 'node:crypto';

/** A resource id in Keystone's form: a UUID4 as 32 lowercase hex digits. */
export function newId(): string {
  return randomUUID().replace(/-/g, '');
}

/** An audit id in Keystone's form: 16 random bytes, URL-safe base64 without padding (22 chars). */
export function newAuditId(): string {
  return randomBytes(16).toString('base64url');
}

/** A generated application credential secret (64 random bytes, URL-safe base64). */
export function newSecret(): string {
  return randomBytes(64).toString('base64url');
}
