import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { authContextToClaims, TOKEN_ALGORITHM, type AuthContext } from '@tinystack/auth';
import jwt from 'jsonwebtoken';

/**
 * Test support: tokens signed exactly as identity signs them (an app cannot import another
 * app, and libs/auth keeps its own signer private).
 */
export function makeTokenSigner(kid = randomUUID()) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sign = (overrides: Partial<AuthContext> = {}): string => {
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
      roles: [{ id: 'r-member', name: 'member' }],
      methods: ['password'],
      auditIds: [randomUUID()],
      issuedAt: now,
      expiresAt: now + 3_600_000,
      ...overrides,
    };
    return jwt.sign(authContextToClaims(ctx), privateKey, {
      algorithm: TOKEN_ALGORITHM,
      keyid: kid,
    });
  };
  return { kid, publicPem, sign };
}

export type TokenSigner = ReturnType<typeof makeTokenSigner>;

export const SERVICE_ROLES = [
  { id: 'r-admin', name: 'admin' },
  { id: 'r-member', name: 'member' },
  { id: 'r-reader', name: 'reader' },
];
