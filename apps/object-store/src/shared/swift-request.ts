import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthContext } from '@tinystack/auth';
import { parseSwiftPath, type SwiftPath } from './swift-path.js';

/** One Swift API request as the services see it: no Express types beyond this file. */
export interface SwiftRequest {
  readonly method: string;
  readonly path: SwiftPath;
  /** The raw path (percent-encoded, no query): TempURL signatures cover it decoded. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Verified caller, absent for anonymous requests (public ACLs, TempURLs). */
  readonly caller?: AuthContext | undefined;
  /** The request body, unread. */
  readonly body: Readable;
}

export function toSwiftRequest(req: Request): SwiftRequest {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  return {
    method: req.method.toUpperCase(),
    path: parseSwiftPath(rawPath),
    rawPath,
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    headers: req.headers,
    caller: (req as { user?: AuthContext }).user,
    body: req,
  };
}

/** `@Swift() r: SwiftRequest` in a controller handler. */
export const Swift = createParamDecorator((_: unknown, ctx: ExecutionContext): SwiftRequest =>
  toSwiftRequest(ctx.switchToHttp().getRequest<Request>()),
);

/** A single header value (the first when repeated). */
export function header(r: SwiftRequest, name: string): string | undefined {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
