import { argon2id, hash, needsRehash, verify } from 'argon2';

/**
 * argon2id at OWASP's minimum (19 MiB, 2 passes), stronger than Keystone's default bcrypt
 * cost 12 against GPU attacks. Stored as a PHC string, so parameters can be raised later
 * (`needsRehash`) without invalidating existing hashes.
 */
export const ARGON2_OPTIONS = {
  type: argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Longest password accepted (Keystone: 4096 bytes with bcrypt's own limit below it). */
export const MAX_PASSWORD_LENGTH = 4096;

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** True when `password` matches `phc`; a malformed hash never matches. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** Spend the time of a real check (unknown users must not answer faster than known ones). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('tinystack-dummy-password');
  await verifyPassword(await dummyHash, password);
}

export function hashNeedsUpgrade(phc: string): boolean {
  try {
    return needsRehash(phc, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}
