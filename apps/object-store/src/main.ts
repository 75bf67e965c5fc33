import { ConfigError } from '@tinystack/config';
import { createRootLogger, loggerFor } from '@tinystack/logging';
import { objectStoreConfig } from './config.js';
import { createObjectStoreApp } from './http/object-store-app.js';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = objectStoreConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`object-store: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  createRootLogger({ service: 'object-store', level: cfg.TINYSTACK_LOG_LEVEL });
  const app = await createObjectStoreApp(cfg);
  loggerFor('main').info(
    { http: cfg.OBJECT_STORE_HTTP_PORT, grpc: cfg.OBJECT_STORE_GRPC_PORT, backend: cfg.OBJECT_STORE_BACKEND },
    'object-store listening',
  );
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  loggerFor('main').fatal({ err }, 'object-store failed to start');
  process.stderr.write(`object-store: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
