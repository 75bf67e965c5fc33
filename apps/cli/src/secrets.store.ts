import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export interface Secret {
  readonly value: string;
  /** env: given by the environment; file: read from its file; generated: created just now. */
  readonly source: 'env' | 'file' | 'generated';
}

/** A random password: 24 bytes (192 bits) of entropy, 32 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The secret kept in `file`, created (mode 600, exclusively, so two racing callers agree)
 * with a fresh random password when it does not exist. A value from the environment wins
 * and is not written anywhere.
 */
export function loadOrCreateSecret(file: string, fromEnv: string | undefined): Secret {
  if (fromEnv !== undefined && fromEnv !== '') {
    return { value: fromEnv, source: 'env' };
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const value = generatePassword();
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return { value: readSecret(file), source: 'file' };
    }
    throw err;
  }
  try {
    writeSync(fd, `${value}\n`);
  } finally {
    closeSync(fd);
  }
  return { value, source: 'generated' };
}

function readSecret(file: string): string {
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (value === '') {
    throw new Error(`${file} is empty: delete it to generate a new password`);
  }
  return value;
}
