import { Metadata } from '@grpc/grpc-js';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, grpcCodeOf, GrpcCode } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import { throwError, type Observable } from 'rxjs';

/** Trailer naming the DomainError kind, so the client restores it exactly. */
export const ERROR_KIND_METADATA = 'x-error-kind';

/** The one place gRPC handlers' errors become gRPC statuses. */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly log = loggerFor('DomainRpcExceptionFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const metadata = new Metadata();
    if (exception instanceof DomainError) {
      metadata.set(ERROR_KIND_METADATA, exception.kind);
      const error = { code: grpcCodeOf(exception.kind), message: exception.message, details: exception.message, metadata };
      return throwError(() => error);
    }
    if (exception instanceof RpcException) {
      return throwError(() => exception.getError());
    }
    this.log.error({ err: exception }, 'unexpected error in gRPC handler');
    metadata.set(ERROR_KIND_METADATA, 'internal');
    return throwError(() => ({ code: GrpcCode.INTERNAL, message: 'internal error', details: 'internal error', metadata }));
  }
}
