import 'reflect-metadata';
import { ConfigError } from '@tinystack/config';
import { createRootLogger } from '@tinystack/logging';
import { computeConfig } from './config.js';
import { startCompute } from './start.js';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = computeConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`compute: ${err.message}\n\nVariables:\n${computeConfig.describe()}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createRootLogger({ service: 'compute', level: cfg.TINYSTACK_LOG_LEVEL });
  try {
    await startCompute(cfg);
  } catch (err) {
    log.fatal({ err }, 'compute failed to start');
    log.flush();
    setTimeout(() => process.exit(1), 100).unref();
  }
}

await main();
