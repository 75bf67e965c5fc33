import { Controller, Delete, Headers, HttpCode, Inject } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { TokenValidationService } from './token-validation.service.js';

/**
 * DELETE /v3/auth/tokens (revocation). GET and HEAD are served by TokenValidationMiddleware.
 */
@Controller('v3/auth/tokens')
export class TokensController {
  constructor(@Inject(TokenValidationService) private readonly tokens: TokenValidationService) {}

  @Delete()
  @HttpCode(204)
  async revoke(
    @Caller() caller: AuthContext,
    @Headers('x-subject-token') subject: string | undefined,
  ): Promise<void> {
    await this.tokens.revoke(caller, subject);
  }
}
