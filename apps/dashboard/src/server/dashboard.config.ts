import {
  bool,
  commonConfig,
  defineConfig,
  hostPort,
  identityClientConfig,
  optionalUrl,
  port,
} from '@tinystack/config';

/**
 * The dashboard's configuration: read once per process from the environment, validated,
 * frozen (STYLE 10). The launcher loads it before binding, so a bad value stops start-up
 * with every problem listed; the Next.js server reads the same object through
 * `lib/cloud/config.ts`.
 */
export const DashboardConfig = defineConfig({
  TINYSTACK_BIND_HOST: commonConfig.TINYSTACK_BIND_HOST,
  TINYSTACK_LOG_LEVEL: commonConfig.TINYSTACK_LOG_LEVEL,
  DASHBOARD_HTTP_PORT: port({ help: 'HTTP port of the dashboard', default: 3000 }),
  IDENTITY_GRPC_URL: hostPort({
    help: 'host:port of the identity gRPC server',
    default: '127.0.0.1:50051',
  }),
  IMAGE_GRPC_URL: hostPort({
    help: 'host:port of the image gRPC server',
    default: '127.0.0.1:50052',
  }),
  OBJECT_STORE_GRPC_URL: hostPort({
    help: 'host:port of the object-store gRPC server',
    default: '127.0.0.1:50053',
  }),
  COMPUTE_GRPC_URL: hostPort({
    help: 'host:port of the compute gRPC server',
    default: '127.0.0.1:50054',
  }),
  NETWORK_GRPC_URL: hostPort({
    help: 'host:port of the network gRPC server',
    default: '127.0.0.1:50056',
  }),
  OBJECT_STORE_PUBLIC_URL: optionalUrl({
    help: 'Public URL of the object-store REST API (http://host:8080), for temporary URLs',
    protocols: ['http', 'https'],
  }),
  TINYSTACK_SERVICE_PASSWORD: {
    ...identityClientConfig.TINYSTACK_SERVICE_PASSWORD,
    help: 'Secret the temporary-URL keys of containers are derived from (the service password)',
  },
  DASHBOARD_SECURE_COOKIES: bool({
    help: 'Mark the session cookie Secure (set when the dashboard is served over HTTPS)',
    default: false,
  }),
});

export type DashboardSettings = ReturnType<typeof DashboardConfig.load>;
