import {
  commonConfig,
  defineConfig,
  hostPort,
  identityClientConfig,
  int,
  optionalStr,
  optionalUrl,
  port,
  str,
  type ConfigOf,
} from '@tinystack/config';

/** Glance's default image_size_cap: 1 TiB. */
export const DEFAULT_IMAGE_MAX_SIZE = 1024 ** 4;

/** Every variable the image service reads (docs/conventions.md, apps/image/README.md). */
export const imageConfigSpec = {
  ...commonConfig,
  ...identityClientConfig,
  IMAGE_HTTP_PORT: port({ help: 'Port of the Glance v2 REST API', default: 9292 }),
  IMAGE_GRPC_PORT: port({ help: 'Port of the image gRPC server', default: 50052 }),
  IMAGE_DATABASE_URL: optionalStr({ help: 'PostgreSQL URL; unset = SQLite under the data directory', sensitive: true }),
  IMAGE_PUBLIC_URL: optionalUrl({
    help: 'Public base URL of this API (version discovery links); default http://127.0.0.1:<port>',
    protocols: ['http', 'https'],
  }),
  IMAGE_MAX_SIZE: int({
    help: "Largest image accepted, in bytes (Glance's image_size_cap); default 1 TiB",
    default: DEFAULT_IMAGE_MAX_SIZE,
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  }),
  OBJECT_STORE_GRPC_URL: hostPort({ help: 'host:port of the object storage gRPC server', default: '127.0.0.1:50053' }),
  IMAGE_CONTAINER: str({ help: "Container holding image bytes, in the service project's account", default: 'images' }),
};

export const imageConfig = defineConfig(imageConfigSpec);

export type ImageConfig = ConfigOf<typeof imageConfigSpec>;

/** Nest injection token of the frozen {@link ImageConfig}. */
export const IMAGE_CONFIG = Symbol('IMAGE_CONFIG');

/** Public base URL without a trailing slash. */
export function publicUrlOf(cfg: ImageConfig): string {
  const base = cfg.IMAGE_PUBLIC_URL ?? `http://127.0.0.1:${cfg.IMAGE_HTTP_PORT}`;
  return base.replace(/\/+$/, '');
}
