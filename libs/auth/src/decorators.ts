import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthContext } from './token-claims.js';
import type { DefaultRole } from './policy.js';

export { IS_PUBLIC, Public } from '@tinystack/http';

export const REQUIRED_ROLE = 'tinystack:requiredRole';

/** The route needs a token carrying at least this role (implied roles count). */
export const RequireRole = (role: DefaultRole) => SetMetadata(REQUIRED_ROLE, role);

/** The verified caller of a REST route. Absent on @Public routes without a token. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthContext }>().user;
});
