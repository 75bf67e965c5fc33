import { once } from 'node:events';
import { makeTestSigner } from '@tinystack/auth/test-keys';
import type { AuthContext } from '@tinystack/auth';
import { identityV1 } from '@tinystack/contracts';
import { withUnimplemented } from '@tinystack/grpc';
import { createServer, type Server } from 'nice-grpc';

/**
 * A stand-in for the identity service's gRPC API in this app's medium tests: real gRPC on
 * 127.0.0.1:0 serving ListSigningKeys, WatchRevocations and Authenticate with tokens from
 * libs/auth's test signer (signed exactly as identity signs them). It is a stand-in
 * because the real identity is an app and apps never import apps; the whole-cloud e2e
 * (e2e/src/object-store) runs against the real one.
 */
export interface TestIdentity {
  readonly url: string;
  /** A token for `overrides` (default: member of project p1). */
  token(overrides?: Partial<AuthContext>): string;
  close(): Promise<void>;
}

export const SERVICE_PROJECT = 'service-project-id';

export async function startTestIdentity(): Promise<TestIdentity> {
  const signer = makeTestSigner();
  const stop = new AbortController();
  const impl = withUnimplemented(identityV1.IdentityServiceDefinition, {
    listSigningKeys: () => Promise.resolve({ keys: [{ kid: signer.kid, algorithm: 'ES256', publicKeyPem: signer.publicPem, createdAt: Date.now() }], notBefore: 0 }),
    watchRevocations: async function* (_req, ctx) {
      const aborted = AbortSignal.any([ctx.signal, stop.signal]);
      if (!aborted.aborted) {
        await once(aborted, 'abort');
      }
      yield* [];
    },
    authenticate: (req) => {
      const { token, ctx } = signer.sign({ userName: req.userName, projectId: SERVICE_PROJECT, projectName: 'service', roles: [{ id: 'r-admin', name: 'admin' }] });
      return Promise.resolve({ token, info: { ...ctx, userId: ctx.userId, roles: [...ctx.roles], methods: [...ctx.methods], auditIds: [...ctx.auditIds], projectId: SERVICE_PROJECT, projectName: 'service', projectDomainId: 'default', projectDomainName: 'Default', domainId: '', domainName: '', applicationCredentialId: '' } });
    },
  });
  const server: Server = createServer();
  server.add(identityV1.IdentityServiceDefinition, impl);
  const port = await server.listen('127.0.0.1:0');
  return {
    url: `127.0.0.1:${port}`,
    token: (overrides = {}) => signer.sign(overrides).token,
    close: async () => {
      stop.abort();
      await server.shutdown();
    },
  };
}
