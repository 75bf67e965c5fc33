import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { forbidden, unauthorized } from '@tinystack/errors';
import { IS_PUBLIC, REQUIRED_ROLE } from './decorators.js';
import { hasRole, type DefaultRole } from './policy.js';
import type { AuthContext } from './token-claims.js';
import { TOKEN_STRATEGY } from './x-auth-token.strategy.js';

/**
 * REST guard: every route needs a valid X-Auth-Token unless marked @Public(); a
 * @RequireRole(...) route also needs that role. Install as APP_GUARD.
 */
@Injectable()
export class TokenAuthGuard extends AuthGuard(TOKEN_STRATEGY) {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: AuthContext }>();
    if (isPublic) {
      if (req.headers['x-auth-token']) {
        try {
          await super.canActivate(context);
        } catch {
          req.user = undefined;
        }
      }
      return true;
    }
    await super.canActivate(context);
    const role = this.reflector.getAllAndOverride<DefaultRole | undefined>(REQUIRED_ROLE, targets);
    if (role && (!req.user || !hasRole(req.user, role))) {
      throw forbidden();
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof Error) {
      throw err;
    }
    if (err || !user) {
      throw unauthorized();
    }
    return user;
  }
}
