import type { Metadata } from '@grpc/grpc-js';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { newRequestId, REQUEST_ID_METADATA, runWithContext, sanitizeRequestId } from '@tinystack/logging';
import { Observable } from 'rxjs';

/** Runs each gRPC handler inside the request context carried by the caller's metadata. */
@Injectable()
export class GrpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const metadata = context.switchToRpc().getContext<Metadata | undefined>();
    const raw = metadata?.get?.(REQUEST_ID_METADATA)?.[0];
    const requestId = sanitizeRequestId(typeof raw === 'string' ? raw : raw?.toString()) ?? newRequestId();
    return new Observable((subscriber) =>
      runWithContext({ requestId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
