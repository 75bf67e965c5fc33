import {
  commonConfig,
  defineConfig,
  duration,
  identityClientConfig,
  oneOf,
  optionalStr,
  port,
  str,
  url,
  type ConfigOf,
} from '@tinystack/config';

const whenS3 = (e: Readonly<Record<string, string | undefined>>) => e['OBJECT_STORE_BACKEND'] === 's3';

/** Every variable the object-store service reads (apps/object-store/README.md). */
export const objectStoreConfigSpec = {
  ...commonConfig,
  ...identityClientConfig,
  OBJECT_STORE_HTTP_PORT: port({ help: 'Port of the Swift v1 REST API', default: 8080 }),
  OBJECT_STORE_GRPC_PORT: port({ help: 'Port of the object-store gRPC server', default: 50053 }),
  OBJECT_STORE_DATABASE_URL: optionalStr({ help: 'PostgreSQL URL; unset = SQLite under the data directory', sensitive: true }),
  OBJECT_STORE_BACKEND: oneOf(['fs', 's3'], { help: 'Where object bytes live: fs (local files) or s3', default: 'fs' }),
  OBJECT_STORE_S3_ENDPOINT: url({ help: 'S3 endpoint (http(s)://host:port) when BACKEND=s3', requiredWhen: whenS3, protocols: ['http', 'https'] }),
  OBJECT_STORE_S3_ACCESS_KEY: optionalStr({ help: 'S3 access key when BACKEND=s3', requiredWhen: whenS3 }),
  OBJECT_STORE_S3_SECRET_KEY: optionalStr({ help: 'S3 secret key when BACKEND=s3', requiredWhen: whenS3, sensitive: true }),
  OBJECT_STORE_S3_BUCKET: optionalStr({ help: 'S3 bucket holding the blobs when BACKEND=s3', requiredWhen: whenS3 }),
  OBJECT_STORE_S3_REGION: str({ help: 'S3 region', default: 'us-east-1' }),
  OBJECT_STORE_EXPIRER_INTERVAL: duration({ help: 'How often expired objects are reaped', default: 10_000 }),
};

export const objectStoreConfig = defineConfig(objectStoreConfigSpec);

export type ObjectStoreConfig = ConfigOf<typeof objectStoreConfigSpec>;

/** Nest injection token of the frozen {@link ObjectStoreConfig}. */
export const OBJECT_STORE_CONFIG = Symbol('OBJECT_STORE_CONFIG');
