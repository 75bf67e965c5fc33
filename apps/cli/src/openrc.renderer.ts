import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenrcInput {
  /** Base URL of identity, without the version: http://127.0.0.1:5000 */
  readonly identityUrl: string;
  readonly adminPassword: string;
}

/** Quotes a value for POSIX shells: 'it'\''s'. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The OS_* variables of the admin user, in the order an openrc lists them. */
export function adminOsEnv(input: OpenrcInput): Record<string, string> {
  return {
    OS_AUTH_URL: `${input.identityUrl.replace(/\/+$/, '')}/v3`,
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: 'admin',
    OS_PASSWORD: input.adminPassword,
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public',
  };
}

/** The openrc for the `openstack` CLI, as admin in project admin. */
export function renderOpenrc(input: OpenrcInput): string {
  const exports = Object.entries(adminOsEnv(input)).map(
    ([key, value]) => `export ${key}=${shellQuote(value)}`,
  );
  return [
    '# tinystack: the admin credentials for the openstack CLI.',
    '# Use with:  . <this file>  &&  openstack token issue',
    '# Clear what another openrc or an application credential may have left set:',
    'unset OS_CLOUD OS_TOKEN OS_AUTH_TYPE OS_PROJECT_ID OS_USER_ID OS_DOMAIN_NAME OS_DOMAIN_ID',
    'unset OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_SECRET OS_SYSTEM_SCOPE',
    ...exports,
    '',
  ].join('\n');
}

/** Writes the openrc (mode 600: it holds a password) atomically. */
export function writeOpenrc(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}
