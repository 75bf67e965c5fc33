import { Module } from '@nestjs/common';
import { AppCredentialsModule } from '../app-credentials/app-credentials.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthScopesService } from './auth-scopes.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ScopeResolverService } from './scope-resolver.service.js';

/** POST /v3/auth/tokens and GET /v3/auth/{catalog,projects,domains}. */
@Module({
  imports: [TokensModule, UsersModule, AppCredentialsModule, CatalogModule],
  controllers: [AuthController],
  providers: [AuthService, ScopeResolverService, AuthScopesService],
  exports: [AuthService, AuthScopesService],
})
export class AuthenticationModule {}
