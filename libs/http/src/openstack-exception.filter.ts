import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { toHttpErrorInfo, type ErrorBodyShape } from './error-shape.js';

/** Writes any error as `shape` builds it. Install once per app with `useGlobalFilters`. */
@Catch()
export class OpenStackExceptionFilter implements ExceptionFilter {
  constructor(private readonly shape: ErrorBodyShape) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    writeHttpError(host.switchToHttp().getResponse<Response>(), exception, this.shape);
  }
}

export function writeHttpError(res: Response, exception: unknown, shape: ErrorBodyShape): void {
  const info = toHttpErrorInfo(exception);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { body, contentType } = shape(info, res.req);
  for (const [k, v] of Object.entries(info.headers)) {
    res.setHeader(k, v);
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.status(info.status);
  res.setHeader('Content-Type', contentType ?? 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
