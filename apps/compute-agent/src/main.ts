import 'reflect-metadata';
import { createRootLogger, loggerFor } from '@tinystack/logging';
import { startComputeAgent } from './agent-service.js';
import { loadConfigOrExit } from './config.js';

const config = loadConfigOrExit();
createRootLogger({ service: 'compute-agent', level: config.TINYSTACK_LOG_LEVEL });
const log = loggerFor('main');
try {
  await startComputeAgent({ config });
} catch (err) {
  log.fatal({ err }, 'compute agent failed to start');
  process.exit(1);
}
