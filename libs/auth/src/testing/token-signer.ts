import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { authContextToClaims, TOKEN_ALGORITHM, type AuthContext } from '../index.js';
import jwt from 'jsonwebtoken';

/**
 * Test support: an ES256 key pair and tokens signed exactly as identity signs them (claims
 * from authContextToClaims, `kid` header), for services' medium tests
 * (`@tinystack/auth/testing`).
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
      roles: [
        { id: 'r-member', name: 'member' },
        { id: 'r-reader', name: 'reader' },
      ],
      methods: ['password'],
      auditIds: [randomUUID()],
      issuedAt: now,
      expiresAt: now + 3_600_000,
      ...overrides,
    };
    return jwt.sign(authContextToClaims(ctx), privateKey, { algorithm: TOKEN_ALGORITHM, keyid: kid });
  };
  return { kid, publicPem, sign };
}

export type TokenSigner = ReturnType<typeof makeTokenSigner>;

/** Roles of the `service` role holders Keystone bootstraps (admin in the service project). */
export const ADMIN_ROLES_FOR_SERVICE = [
  { id: 'r-admin', name: 'admin' },
  { id: 'r-member', name: 'member' },
  { id: 'r-reader', name: 'reader' },
];

const ADMIN_ROLES = [
  { id: 'r-admin', name: 'admin' },
  { id: 'r-member', name: 'member' },
  { id: 'r-reader', name: 'reader' },
];

/** Tokens for the usual test callers: a member of a project, a reader, an admin. */
export function callers(signer: TokenSigner) {
  return {
    member: (projectId: string) => signer.sign({ projectId, userId: `user-${projectId}` }),
    reader: (projectId: string) =>
      signer.sign({ projectId, userId: `reader-${projectId}`, roles: [{ id: 'r-reader', name: 'reader' }] }),
    admin: (projectId = 'admin-project') => signer.sign({ projectId, userId: 'admin', roles: ADMIN_ROLES }),
  };
}
