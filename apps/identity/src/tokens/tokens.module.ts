import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TokenVerifier } from '@tinystack/auth';
import { CatalogModule } from '../catalog/catalog.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { RevocationsModule } from '../revocations/revocations.module.js';
import { identityTokenVerifierProvider } from './identity-token-verifier.js';
import { TokenBodyService } from './token-body.service.js';
import { TokenIssuerService } from './token-issuer.service.js';
import { TokenValidationFastPath } from './token-validation.fast-path.js';
import { TokenValidationMiddleware } from './token-validation.middleware.js';
import { TokenValidationService } from './token-validation.service.js';
import { TokensController } from './tokens.controller.js';

@Module({
  imports: [KeysModule, RevocationsModule, CatalogModule],
  controllers: [TokensController],
  providers: [
    identityTokenVerifierProvider,
    TokenIssuerService,
    TokenBodyService,
    TokenValidationService,
    TokenValidationFastPath,
  ],
  exports: [
    TokenVerifier,
    TokenIssuerService,
    TokenBodyService,
    TokenValidationService,
    TokenValidationFastPath,
  ],
})
export class TokensModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TokenValidationMiddleware)
      .forRoutes(
        { path: 'v3/auth/tokens', method: RequestMethod.GET },
        { path: 'v3/auth/tokens', method: RequestMethod.HEAD },
      );
  }
}
