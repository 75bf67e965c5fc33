import 'reflect-metadata';
import { ConfigError } from '@tinystack/config';
import { createRootLogger, loggerFor } from '@tinystack/logging';
import { startComputeAgent } from './agent-service.js';
import { computeAgentConfig, type ComputeAgentConfig } from './config.js';

function loadConfig(): ComputeAgentConfig {
  try {
    return computeAgentConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`compute-agent: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

const config = loadConfig();
createRootLogger({ service: 'compute-agent', level: config.TINYSTACK_LOG_LEVEL });
const log = loggerFor('main');
try {
  await startComputeAgent({ config });
} catch (err) {
  log.fatal({ err }, 'compute agent failed to start');
  process.exit(1);
}
