import { identityV1 } from '@tinystack/contracts';
import { createServiceClient, type Channel, type Client } from '@tinystack/grpc';
import type { KeySource } from './token-verifier.js';

export type IdentityClient = Client<typeof identityV1.IdentityServiceDefinition, import('@tinystack/grpc').TinystackCallOptions>;

/** A gRPC client for identity (shared by the key source, the revocation watcher and services). */
export function createIdentityClient(address: string): { client: IdentityClient; channel: Channel } {
  return createServiceClient(identityV1.IdentityServiceDefinition, address);
}

/** Identity's public keys over gRPC. */
export class GrpcKeySource implements KeySource {
  constructor(private readonly identity: IdentityClient) {}

  async fetchKeys(): Promise<Map<string, string>> {
    const res = await this.identity.listSigningKeys({});
    return new Map(res.keys.map((k) => [k.kid, k.publicKeyPem]));
  }
}

/**
 * A service's own token (its service user in the `service` project), fetched on demand
 * and renewed before it expires.
 */
export class ServiceTokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;

  constructor(
    private readonly identity: IdentityClient,
    private readonly user: { name: string; password: string },
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - Date.now() > 5 * 60_000) {
      return this.cached.token;
    }
    const res = await this.identity.authenticate({
      userName: this.user.name,
      userDomainName: 'Default',
      password: this.user.password,
      scope: { projectName: 'service', projectDomainName: 'Default' },
    });
    this.cached = { token: res.token, expiresAt: res.info?.expiresAt ?? Date.now() + 60_000 };
    return res.token;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
