import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { authContextToClaims, TOKEN_ALGORITHM, type AuthContext } from './token-claims.js';

/**
 * Test support: an ES256 key pair and a signer producing tokens exactly as identity does
 * (claims from authContextToClaims, `kid` header). Used by this lib's tests only.
 */
export function makeTestSigner(kid = randomUUID()) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sign = (overrides: Partial<AuthContext> = {}): { token: string; ctx: AuthContext } => {
    const now = Date.now();
    const ctx: AuthContext = {
      userId: 'u1',
      userName: 'alice',
      userDomainId: 'default',
      userDomainName: 'Default',
      projectId: 'p1',
      projectName: 'demo',
      projectDomainId: 'default',
      projectDomainName: 'Default',
      roles: [{ id: 'r-member', name: 'member' }, { id: 'r-reader', name: 'reader' }],
      methods: ['password'],
      auditIds: [randomUUID()],
      issuedAt: now,
      expiresAt: now + 3_600_000,
      ...overrides,
    };
    const token = jwt.sign(authContextToClaims(ctx), privateKey, { algorithm: TOKEN_ALGORITHM, keyid: kid });
    return { token, ctx };
  };
  return { kid, publicPem, privateKey, sign };
}
