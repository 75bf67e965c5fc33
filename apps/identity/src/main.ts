import 'reflect-metadata';
import { ConfigError } from '@tinystack/config';
import { createRootLogger } from '@tinystack/logging';
import { identityConfig } from './config.js';
import { startIdentity } from './start.js';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = identityConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `identity: ${err.message}\n\nVariables:\n${identityConfig.describe()}\n`,
      );
      process.exit(2);
    }
    throw err;
  }
  const log = createRootLogger({ service: 'identity', level: cfg.TINYSTACK_LOG_LEVEL });
  try {
    await startIdentity(cfg);
  } catch (err) {
    log.fatal({ err }, 'identity failed to start');
    log.flush();
    setTimeout(() => process.exit(1), 100).unref();
  }
}

await main();
