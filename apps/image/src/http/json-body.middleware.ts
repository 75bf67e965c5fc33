import { DomainError } from '@tinystack/errors';
import { writeHttpError } from '@tinystack/http';
import type { NextFunction, Request, Response } from 'express';
import { glanceErrorShape } from './glance-error.shape.js';

/** Image data routes: their bodies are the bytes, streamed by the handler, never parsed. */
export const isDataRoute = (req: Request): boolean =>
  req.method === 'PUT' && /^\/v2\/images\/[^/]+\/(file|stage)\/?(\?.*)?$/.test(req.originalUrl);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function readBounded(req: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      throw new DomainError('payload_too_large', 'Request Entity Too Large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Glance reads every request body except image data as JSON, whatever its Content-Type
 * (a PATCH still has to name the JSON-patch type, which its handler checks). Bodies of
 * the data routes stay raw streams for the handlers.
 */
export function jsonBodyMiddleware(limit: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isDataRoute(req) || !hasBody(req)) {
      next();
      return;
    }
    readBounded(req, limit)
      .then((raw) => {
        const text = raw.toString('utf8');
        if (text.trim().length > 0) {
          try {
            req.body = JSON.parse(text) as unknown;
          } catch {
            throw new DomainError('bad_request', 'Malformed JSON in request body.');
          }
        }
        next();
      })
      .catch((err: unknown) => writeHttpError(res, err, glanceErrorShape));
  };
}
