import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { badRequest } from '@tinystack/errors';
import type { Observable } from 'rxjs';
import { containsNul } from '../shared/schemas.js';

/** gRPC twin of RejectNulMiddleware: U+0000 in any request field is INVALID_ARGUMENT, not INTERNAL. */
@Injectable()
export class RejectNulInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (containsNul(context.switchToRpc().getData())) {
      throw badRequest('Invalid input: NUL characters are not allowed.');
    }
    return next.handle();
  }
}
