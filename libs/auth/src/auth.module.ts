import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { HealthRegistry } from '@tinystack/http';
import { GrpcKeySource, ServiceTokenProvider, createIdentityClient, type IdentityClient } from './identity-client.js';
import { RevocationList } from './revocation.js';
import { RevocationWatcher } from './revocation-watcher.js';
import { TokenAuthGuard } from './token-auth.guard.js';
import { TokenVerifier } from './token-verifier.js';
import { TokenStrategy } from './x-auth-token.strategy.js';
import { GrpcAuthInterceptor } from './grpc-auth.interceptor.js';

export const IDENTITY_CLIENT = Symbol('IDENTITY_CLIENT');

export interface AuthModuleOptions {
  /** host:port of identity's gRPC server. */
  readonly identityGrpcUrl: string;
  /** This service's user in the `service` project (for the revocation stream and calls on its own behalf). */
  readonly serviceUser: { readonly name: string; readonly password: string };
  /** Install TokenAuthGuard for every REST route (default true). */
  readonly globalGuard?: boolean;
}

/**
 * Token verification for a service other than identity: the verifier with identity's
 * keys, the revocation stream, the REST guard and the gRPC interceptor.
 */
@Global()
@Module({})
export class AuthModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(RevocationWatcher) private readonly watcher: RevocationWatcher,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  static forRoot(opts: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: IDENTITY_CLIENT, useFactory: () => createIdentityClient(opts.identityGrpcUrl).client },
        { provide: RevocationList, useValue: new RevocationList() },
        {
          provide: ServiceTokenProvider,
          inject: [IDENTITY_CLIENT],
          useFactory: (identity: IdentityClient) => new ServiceTokenProvider(identity, opts.serviceUser),
        },
        {
          provide: TokenVerifier,
          inject: [IDENTITY_CLIENT, RevocationList],
          useFactory: (identity: IdentityClient, revocations: RevocationList) =>
            new TokenVerifier({ keySource: new GrpcKeySource(identity), revocations }),
        },
        {
          provide: RevocationWatcher,
          inject: [IDENTITY_CLIENT, ServiceTokenProvider, RevocationList],
          useFactory: (identity: IdentityClient, tokens: ServiceTokenProvider, list: RevocationList) =>
            new RevocationWatcher(identity, tokens, list),
        },
        TokenStrategy,
        GrpcAuthInterceptor,
        ...(opts.globalGuard === false ? [] : [{ provide: APP_GUARD, useClass: TokenAuthGuard }]),
      ],
      exports: [IDENTITY_CLIENT, TokenVerifier, ServiceTokenProvider, RevocationList, GrpcAuthInterceptor],
    };
  }

  async onModuleInit(): Promise<void> {
    this.health.add({ name: 'identity', check: () => this.verifier.refreshKeys() });
    await this.verifier.refreshKeys().catch(() => undefined);
    await this.watcher.start();
  }

  onApplicationShutdown(): void {
    this.watcher.stop();
  }
}
