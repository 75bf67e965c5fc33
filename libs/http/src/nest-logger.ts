import type { LoggerService } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';

/** Routes Nest's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  private readonly pino = loggerFor('nest');

  log(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string): void {
    this.pino.error({ context, stack }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
