import { identityV1 } from '@tinystack/contracts';
import { withUnimplemented } from '@tinystack/grpc';
import { createServer, ServerError, Status, type Server } from 'nice-grpc';
import { ADMIN_ROLES_FOR_SERVICE, type TokenSigner } from './token-signer.js';

/**
 * A stand-in for the identity service's gRPC contract (keys, revocation stream, password
 * authentication of service users), for medium tests: an app cannot import another app,
 * so a service's medium tests cannot start apps/identity. The whole-cloud e2e suite runs
 * the same code against the real identity service.
 */
export async function startIdentityStandIn(signer: TokenSigner, servicePassword: string): Promise<{ url: string; server: Server }> {
  const server = createServer();
  server.add(identityV1.IdentityServiceDefinition, withUnimplemented(identityV1.IdentityServiceDefinition, {
    listSigningKeys: () =>
      Promise.resolve({
        keys: [{ kid: signer.kid, algorithm: 'ES256', publicKeyPem: signer.publicPem, createdAt: 0 }],
        notBefore: 0,
      }),
    authenticate: (req: identityV1.AuthenticateRequest) => {
      if (req.password !== servicePassword) {
        return Promise.reject(new ServerError(Status.UNAUTHENTICATED, 'The request you have made requires authentication.'));
      }
      const token = signer.sign({ userId: `svc-${req.userName}`, userName: req.userName, projectId: 'service', projectName: 'service', roles: ADMIN_ROLES_FOR_SERVICE });
      return Promise.resolve({ token, info: undefined });
    },
    async *watchRevocations(_req: unknown, ctx: { signal: AbortSignal }) {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      yield* [];
    },
  }));
  const port = await server.listen('127.0.0.1:0');
  return { url: `127.0.0.1:${port}`, server };
}
