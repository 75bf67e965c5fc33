import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TokenAuthGuard, TokenStrategy } from '@tinystack/auth';
import { DatabaseModule } from '@tinystack/db';
import { HealthModule } from '@tinystack/http';
import { AppCredentialsModule } from './app-credentials/app-credentials.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuthenticationModule } from './auth/authentication.module.js';
import { BootstrapModule } from './bootstrap/bootstrap.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import type { IdentityConfig } from './config.js';
import { DomainsModule } from './domains/domains.module.js';
import { IDENTITY_ENTITIES } from './entities.js';
import { IdentityGrpcModule } from './grpc/identity-grpc.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { CoreModule } from './http/core.module.js';
import { RejectNulMiddleware } from './http/reject-nul.middleware.js';
import { KeysModule } from './keys/keys.module.js';
import { IDENTITY_MIGRATIONS } from './migrations/index.js';
import { ProjectsModule } from './projects/projects.module.js';
import { RepositoriesModule } from './repositories.module.js';
import { RevocationsModule } from './revocations/revocations.module.js';
import { RolesModule } from './roles/roles.module.js';
import { TokensModule } from './tokens/tokens.module.js';
import { UsersModule } from './users/users.module.js';

/** The identity service: every feature module, the database, health and the REST token guard. */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RejectNulMiddleware).forRoutes('*');
  }

  static forRoot(cfg: IdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(cfg),
        HealthModule.forRoot(),
        DatabaseModule.forRoot({
          service: 'identity',
          dataDir: cfg.TINYSTACK_DATA_DIR,
          databaseUrl: cfg.IDENTITY_DATABASE_URL,
          entities: IDENTITY_ENTITIES,
          migrations: IDENTITY_MIGRATIONS,
        }),
        PassportModule,
        RepositoriesModule,
        RevocationsModule,
        KeysModule,
        TokensModule,
        AuthenticationModule,
        DomainsModule,
        ProjectsModule,
        UsersModule,
        GroupsModule,
        RolesModule,
        AssignmentsModule,
        AppCredentialsModule,
        CatalogModule,
        BootstrapModule,
        IdentityGrpcModule,
      ],
      providers: [TokenStrategy, { provide: APP_GUARD, useClass: TokenAuthGuard }],
    };
  }
}
