import 'reflect-metadata';
import { ConfigError } from '@tinystack/config';
import { createRootLogger, loggerFor } from '@tinystack/logging';
import { imageConfig, type ImageConfig } from './config.js';
import { startImageService } from './image-service.js';

function loadConfig(): ImageConfig {
  try {
    return imageConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`image: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  createRootLogger({ service: 'image', level: config.TINYSTACK_LOG_LEVEL });
  const svc = await startImageService({ config });
  loggerFor('main').info({ url: svc.url, grpcPort: config.IMAGE_GRPC_PORT }, 'image service listening');
  const stop = () => void svc.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  loggerFor('main').fatal({ err }, 'image service failed to start');
  process.stderr.write(`image: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
