import type { INestApplication, Type } from '@nestjs/common';
import { createHttpApp } from '@tinystack/http';
import { microversionMiddleware } from './microversion.middleware.js';
import { novaErrorShape } from './nova-fault.shape.js';

/** Nova's osapi_max_request_body_size (112 KiB). */
export const JSON_LIMIT = '112kb';

/** The compute REST app: Nova's fault bodies, microversions on every /v2.1 request. */
export async function createComputeHttpApp(module: Type<unknown>): Promise<INestApplication> {
  const app = await createHttpApp(module, { errorShape: novaErrorShape, jsonLimit: JSON_LIMIT });
  app.use(microversionMiddleware());
  return app;
}
