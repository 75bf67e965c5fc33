import type { Cloud } from '../harness/index.js';
import { openstack } from '../harness/index.js';

/** What `openstack <resource> create|show -f json` prints for the identity resources. */
export interface IdRow {
  readonly id: string;
  readonly name: string;
  readonly [field: string]: unknown;
}

export interface TokenRow {
  readonly id: string;
  readonly expires: string;
  readonly project_id?: string;
  readonly user_id: string;
}

export type OsEnv = Readonly<Record<string, string>>;

/** Settings every OS_* environment shares: where identity is, which endpoints to use. */
function common(cloud: Cloud): Record<string, string> {
  return {
    OS_AUTH_URL: cloud.env.OS_AUTH_URL ?? cloud.urls.identity,
    OS_IDENTITY_API_VERSION: '3',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public',
  };
}

/** A user of domain Default logging in with a password, scoped to a project (by name). */
export function passwordEnv(cloud: Cloud, user: string, password: string, project: string): OsEnv {
  return {
    ...common(cloud),
    OS_USERNAME: user,
    OS_PASSWORD: password,
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
  };
}

/** Authenticating with an existing token (keystoneauth's `token` plugin), project-scoped. */
export function tokenEnv(cloud: Cloud, token: string, project: string): OsEnv {
  return {
    ...common(cloud),
    OS_AUTH_TYPE: 'token',
    OS_TOKEN: token,
    OS_PROJECT_NAME: project,
    OS_PROJECT_DOMAIN_NAME: 'Default',
  };
}

/** Authenticating with an application credential (it carries its own project scope). */
export function appCredentialEnv(cloud: Cloud, id: string, secret: string): OsEnv {
  return {
    ...common(cloud),
    OS_AUTH_TYPE: 'v3applicationcredential',
    OS_APPLICATION_CREDENTIAL_ID: id,
    OS_APPLICATION_CREDENTIAL_SECRET: secret,
  };
}

export const createProject = (env: OsEnv, name: string) =>
  openstack<IdRow>(
    ['project', 'create', '--domain', 'default', '--description', `e2e ${name}`, name],
    env,
  );

export const createUser = (env: OsEnv, name: string, password: string, project?: string) =>
  openstack<IdRow>(
    [
      'user',
      'create',
      '--domain',
      'default',
      '--password',
      password,
      ...(project ? ['--project', project] : []),
      name,
    ],
    env,
  );

/** `role add --project <project> --user <user> <role>` */
export const grant = (env: OsEnv, role: string, user: string, project: string) =>
  openstack(['role', 'add', '--project', project, '--user', user, role], env);

/** Column values of a `list -f json` result. */
export const column = (rows: ReadonlyArray<Record<string, unknown>>, name: string): unknown[] =>
  rows.map((r) => r[name]);

/** The stderr of a failed authentication says so (401 or an explicit message), not e.g. a crash. */
export const AUTH_FAILURE = /\b401\b|authenticat|unauthorized|could not find|not found|\b404\b/i;
/** The stderr of a forbidden or hidden resource. */
export const DENIED = /\b403\b|forbidden|not authorized|\b404\b|not found|no project/i;
