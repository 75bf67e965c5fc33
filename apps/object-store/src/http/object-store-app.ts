import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { grpcServerOptions, widenGrpcReceiveWindows } from '@tinystack/grpc';
import type { NextFunction, Request, Response } from 'express';
import { createHttpApp, HealthRegistry, writeHttpError } from '@tinystack/http';
import { parseSwiftPath } from '../shared/swift-path.js';
import { AppModule } from '../app.module.js';
import { ObjectsFastPath } from '../objects/objects.fast-path.js';
import type { ObjectStoreConfig } from '../config.js';
import { swiftErrorShape } from './swift-error.shape.js';
import { swiftHeaders } from './trans-id.js';

/** The object-store app as main.ts runs it and tests start it: HTTP (Swift v1) and gRPC. */
export async function createObjectStoreApp(cfg: ObjectStoreConfig): Promise<INestApplication> {
  const app = await createHttpApp(AppModule.forRoot(cfg), {
    errorShape: swiftErrorShape,
    jsonLimit: '1mb',
    // No body parser: object bodies, manifests and bulk lists are read as raw streams.
    jsonTypes: [],
    extraHeaders: swiftHeaders,
  });
  app.use(validateSwiftPath);
  app.connectMicroservice<MicroserviceOptions>(
    grpcServerOptions(['objectstore'], `${cfg.TINYSTACK_BIND_HOST}:${cfg.OBJECT_STORE_GRPC_PORT}`),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  widenGrpcReceiveWindows(app);
  await app.init();
  app.get(ObjectsFastPath).install(app.getHttpServer() as Server);
  await app.listen(cfg.OBJECT_STORE_HTTP_PORT, cfg.TINYSTACK_BIND_HOST);
  app.get(HealthRegistry).markReady();
  return app;
}

/**
 * Checks `/v1/...` paths before Express decodes route parameters, so invalid UTF-8, NUL,
 * over-long names and `..` segments get Swift's answers (412 / 400) rather than
 * Express's generic 400.
 */
function validateSwiftPath(req: Request, res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith('/v1/')) {
    try {
      parseSwiftPath(path);
    } catch (err) {
      writeHttpError(res, err, swiftErrorShape);
      return;
    }
  }
  next();
}
