import type { INestApplication, Type } from '@nestjs/common';
import { createHttpApp } from '@tinystack/http';
import { glanceErrorShape } from './glance-error.shape.js';
import { jsonBodyMiddleware } from './json-body.middleware.js';

/** Largest JSON request body (image create, patch, members, import). */
export const JSON_LIMIT = 256 * 1024;

/** The image service's REST app: Glance's error bodies, JSON bodies read as Glance reads them, raw data streams. */
export async function createImageHttpApp(module: Type<unknown>): Promise<INestApplication> {
  const app = await createHttpApp(module, { errorShape: glanceErrorShape, jsonLimit: `${JSON_LIMIT}b`, jsonTypes: [] });
  app.use(jsonBodyMiddleware(JSON_LIMIT));
  return app;
}
