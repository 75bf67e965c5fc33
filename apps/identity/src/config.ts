import {
  commonConfig,
  defineConfig,
  duration,
  int,
  optionalStr,
  optionalUrl,
  port,
  str,
  url,
  type ConfigOf,
} from '@tinystack/config';

/** Every variable the identity service reads (docs/conventions.md, apps/identity/README.md). */
export const identityConfigSpec = {
  ...commonConfig,
  IDENTITY_HTTP_PORT: port({ help: 'Port of the Keystone v3 REST API', default: 5000 }),
  IDENTITY_GRPC_PORT: port({ help: 'Port of the identity gRPC server', default: 50051 }),
  IDENTITY_DATABASE_URL: optionalStr({
    help: 'PostgreSQL URL; unset = SQLite under the data directory',
    sensitive: true,
  }),
  IDENTITY_PUBLIC_URL: optionalUrl({
    help: 'Public base URL of this API (version discovery links, identity catalog endpoint); default http://127.0.0.1:<port>',
    protocols: ['http', 'https'],
  }),
  TINYSTACK_ADMIN_PASSWORD: str({ help: 'Password of the bootstrap admin user', sensitive: true }),
  TINYSTACK_SERVICE_PASSWORD: str({
    help: 'Password of the service users (project "service")',
    sensitive: true,
  }),
  CATALOG_IMAGE_URL: url({
    help: 'image (Glance) endpoint in the catalog',
    default: 'http://127.0.0.1:9292',
  }),
  CATALOG_OBJECT_STORE_URL: str({
    help: 'object-store (Swift) endpoint; $(project_id)s is substituted per token',
    default: 'http://127.0.0.1:8080/v1/AUTH_$(project_id)s',
  }),
  CATALOG_COMPUTE_URL: url({
    help: 'compute (Nova) endpoint in the catalog',
    default: 'http://127.0.0.1:8774/v2.1',
  }),
  CATALOG_NETWORK_URL: optionalUrl({
    help: 'network (Neutron) endpoint in the catalog; unset = no network entry',
  }),
  IDENTITY_TOKEN_TTL: duration({ help: 'Token lifetime', default: 3_600_000 }),
  IDENTITY_LOCKOUT_FAILURES: int({
    help: 'Failed logins in a row that lock an account (0 = never)',
    default: 6,
    min: 0,
  }),
  IDENTITY_LOCKOUT_DURATION: duration({
    help: 'How long a locked account stays locked',
    default: 1_800_000,
  }),
  IDENTITY_KEY_ROTATION: duration({
    help: 'Age at which the token signing key is replaced',
    default: 86_400_000,
  }),
};

export const identityConfig = defineConfig(identityConfigSpec);

export type IdentityConfig = ConfigOf<typeof identityConfigSpec>;

/** Nest injection token of the frozen {@link IdentityConfig}. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

/** Public base URL without a trailing slash. */
export function publicUrlOf(cfg: IdentityConfig): string {
  const base = cfg.IDENTITY_PUBLIC_URL ?? `http://127.0.0.1:${cfg.IDENTITY_HTTP_PORT}`;
  return base.replace(/\/+$/, '');
}
