import { TokenVerifier, type KeySource } from '@tinystack/auth';
import type { Provider } from '@nestjs/common';
import { KeysService } from '../keys/keys.service.js';
import { RevocationsService } from '../revocations/revocations.service.js';

/**
 * Identity verifies tokens with the same TokenVerifier as every other service, fed from its
 * own key table and revocation list instead of gRPC. A rotation refreshes it at once.
 */
export const identityTokenVerifierProvider: Provider = {
  provide: TokenVerifier,
  inject: [KeysService, RevocationsService],
  useFactory: (keys: KeysService, revocations: RevocationsService): TokenVerifier => {
    const keySource: KeySource = {
      fetchKeys: async () => {
        await keys.reloadIfStale();
        return new Map(keys.publicKeys().map((k) => [k.kid, k.publicKeyPem]));
      },
    };
    const verifier = new TokenVerifier({
      keySource,
      revocations: revocations.list,
      cacheSize: 20_000,
      minRefreshIntervalMs: 0,
    });
    keys.onChange(() => void verifier.refreshKeys().catch(() => undefined));
    return verifier;
  },
};
