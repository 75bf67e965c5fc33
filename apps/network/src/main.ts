import 'reflect-metadata';
import { ConfigError } from '@tinystack/config';
import { createRootLogger, loggerFor } from '@tinystack/logging';
import { networkConfig, type NetworkConfig } from './config.js';
import { startNetworkService } from './network-service.js';

function loadConfig(): NetworkConfig {
  try {
    return networkConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`network: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  createRootLogger({ service: 'network', level: config.TINYSTACK_LOG_LEVEL });
  const svc = await startNetworkService({ config });
  loggerFor('main').info({ url: svc.url }, 'network service listening');
  const stop = () => void svc.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  loggerFor('main').fatal({ err }, 'network service failed to start');
  process.stderr.write(`network: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
