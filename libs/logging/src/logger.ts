import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context.js';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, wherever they appear in the logged object. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'original_password',
  '*.original_password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers.authorization',
  '*.headers.cookie',
];

let root: Logger | undefined;

/** Create (once per process) the root JSON logger; every line carries `request_id` when known. */
export function createRootLogger(opts: { service: string; level?: string; destination?: number | string }): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: opts.service, pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '***' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const id = currentRequestId();
      return id ? { request_id: id } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
  root = pino(options, pino.destination({ dest: opts.destination ?? 1, sync: false }));
  return root;
}

/** A child logger for one class or module: `loggerFor('TokensService')`. */
export function loggerFor(component: string): Logger {
  root ??= pino({ level: 'silent' });
  return root.child({ component });
}
