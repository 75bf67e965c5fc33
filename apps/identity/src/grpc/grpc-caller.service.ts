import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { TokenVerifier, type AuthContext } from '@tinystack/auth';
import { unauthorized } from '@tinystack/errors';

/** The caller of a gRPC method, from its `x-auth-token` metadata. */
@Injectable()
export class GrpcCallerService {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  tokenOf(metadata: Metadata | undefined): string | undefined {
    const raw = metadata?.get('x-auth-token')?.[0];
    return typeof raw === 'string' ? raw : raw?.toString();
  }

  async require(metadata: Metadata | undefined): Promise<AuthContext> {
    const token = this.tokenOf(metadata);
    if (!token) {
      throw unauthorized('x-auth-token metadata is required.');
    }
    return this.verifier.verify(token);
  }

  /** Verify a token carried in a request body. */
  verify(token: string): Promise<AuthContext> {
    return this.verifier.verify(token);
  }
}
