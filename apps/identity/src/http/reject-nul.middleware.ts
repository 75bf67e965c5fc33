import { Injectable, type NestMiddleware } from '@nestjs/common';
import { badRequest } from '@tinystack/errors';
import type { NextFunction, Request, Response } from 'express';
import { containsNul } from '../shared/schemas.js';

/**
 * PostgreSQL cannot store or even compare text containing U+0000 (the driver fails with
 * "invalid byte sequence"), which would turn such input into a 500. No identity attribute
 * may contain it, so it is refused at the edge with a 400, for SQLite too.
 */
@Injectable()
export class RejectNulMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (/%00/.test(req.originalUrl) || containsNul(req.body)) {
      throw badRequest('Invalid input: NUL characters are not allowed.');
    }
    next();
  }
}
