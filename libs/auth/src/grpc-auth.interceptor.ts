import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { unauthorized } from '@tinystack/errors';
import { from, switchMap, type Observable } from 'rxjs';
import type { AuthContext } from './token-claims.js';
import { TokenVerifier } from './token-verifier.js';

const callers = new WeakMap<object, AuthContext>();

/** The verified caller of a gRPC handler, from the call's metadata. */
export function callerOf(metadata: Metadata | undefined): AuthContext {
  const ctx = metadata ? callers.get(metadata) : undefined;
  if (!ctx) {
    throw unauthorized();
  }
  return ctx;
}

/** Verifies `x-auth-token` metadata on every gRPC call before the handler runs. */
@Injectable()
export class GrpcAuthInterceptor implements NestInterceptor {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const metadata = context.switchToRpc().getContext<Metadata>();
    const raw = metadata?.get?.('x-auth-token')?.[0];
    const token = typeof raw === 'string' ? raw : raw?.toString();
    return from(this.verifier.verify(token)).pipe(
      switchMap((ctx) => {
        callers.set(metadata, ctx);
        return next.handle();
      }),
    );
  }
}
