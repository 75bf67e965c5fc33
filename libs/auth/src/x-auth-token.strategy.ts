import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import type { AuthContext } from './token-claims.js';
import { TokenVerifier } from './token-verifier.js';

export const TOKEN_STRATEGY = 'tinystack-token';

type Verify = (token: string | undefined, done: (err: unknown, user?: AuthContext | false) => void) => void;

/** Passport strategy reading OpenStack's `X-Auth-Token` header. */
class XAuthTokenStrategy extends Strategy {
  name = TOKEN_STRATEGY;

  constructor(private readonly verifyFn: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    const raw = req.headers['x-auth-token'];
    const token = Array.isArray(raw) ? raw[0] : raw;
    this.verifyFn(token, (err, user) => {
      if (err) {
        this.error(err as Error);
      } else if (user) {
        this.success(user);
      } else {
        this.fail(401);
      }
    });
  }
}

/** The JWT (JWS) strategy: verifies the token locally through TokenVerifier. */
@Injectable()
export class TokenStrategy extends PassportStrategy(XAuthTokenStrategy, TOKEN_STRATEGY) {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {
    super();
  }

  async validate(token: string | undefined): Promise<AuthContext> {
    return this.verifier.verify(token);
  }
}
