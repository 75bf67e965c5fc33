import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { writeHttpError } from './openstack-exception.filter.js';
import { OpenStackExceptionFilter } from './openstack-exception.filter.js';
import type { ErrorBodyShape } from './error-shape.js';
import { PinoNestLogger } from './nest-logger.js';
import { requestIdMiddleware } from './request-id.middleware.js';

export interface HttpAppOptions {
  /** How this API shapes error bodies. */
  readonly errorShape: ErrorBodyShape;
  /** JSON body limit, e.g. '112kb' (Keystone's max_request_body_size). */
  readonly jsonLimit: string;
  /** Content types parsed as JSON; others reach handlers as raw streams. `[]`: no JSON parsing at all. */
  readonly jsonTypes?: string[];
  /** Headers added to every response, from the request id (Swift's X-Trans-Id). */
  readonly extraHeaders?: (requestId: string) => Record<string, string>;
}

/**
 * A Nest HTTP app set up the tinystack way: request ids, bounded JSON bodies whose errors
 * take the API's own shape, no Express ETag or x-powered-by, one exception filter.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, opts: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bodyParser: false, logger: new PinoNestLogger() });
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.set('etag', false);
  app.use(requestIdMiddleware(opts.extraHeaders));
  // type-is treats an empty type list as "any type", so [] must mean no JSON parser at all.
  if (opts.jsonTypes?.length !== 0) {
    app.use(express.json({ limit: opts.jsonLimit, type: opts.jsonTypes ?? ['application/json'], strict: false }));
  }
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) {
      next();
      return;
    }
    writeHttpError(res, err, opts.errorShape);
  });
  app.useGlobalFilters(new OpenStackExceptionFilter(opts.errorShape));
  app.enableShutdownHooks();
  return app;
}
