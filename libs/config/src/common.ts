import { homedir } from 'node:os';
import { join } from 'node:path';
import { hostPort, oneOf, path, str } from './fields.js';

/** Variables every service shares (see docs/conventions.md). */
export const commonConfig = {
  TINYSTACK_BIND_HOST: str({ help: 'Address the HTTP and gRPC servers listen on', default: '127.0.0.1' }),
  TINYSTACK_DATA_DIR: path({
    help: 'Data directory; each service keeps its files under <dir>/<service>/',
    default: join(homedir(), '.tinystack'),
  }),
  TINYSTACK_LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    help: 'Log level',
    default: 'info',
  }),
};

/** Where a non-identity service reaches identity over gRPC, and its service user's password. */
export const identityClientConfig = {
  IDENTITY_GRPC_URL: hostPort({ help: 'host:port of the identity gRPC server', default: '127.0.0.1:50051' }),
  TINYSTACK_SERVICE_PASSWORD: str({ help: 'Password of the service users', sensitive: true, default: '' }),
};
