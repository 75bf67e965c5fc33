import 'server-only';
import { createRootLogger, loggerFor, type Logger } from '@tinystack/logging';
import { config } from './config.ts';

const KEY = Symbol.for('tinystack.dashboard.logger');
const store = globalThis as typeof globalThis & { [KEY]?: Logger };

/** The dashboard's pino logger (JSON lines on stdout, secrets redacted); one per process. */
export function log(component: string): Logger {
  store[KEY] ??= createRootLogger({ service: 'dashboard', level: config().TINYSTACK_LOG_LEVEL });
  return loggerFor(component);
}
