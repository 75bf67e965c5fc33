import { Inject, Injectable } from '@nestjs/common';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { parseMetaJson } from '../shared/metadata.js';
import type { SwiftRequest } from '../shared/swift-request.js';
import { macEquals, parseExpires, parseSignature, tempUrlHmac } from './tempurl-signature.js';

/** Methods a signature for `method` also allows (Swift: HEAD with a GET, PUT or POST signature). */
const SIGNED_METHODS: Record<string, string[]> = {
  GET: ['GET'],
  HEAD: ['HEAD', 'GET', 'PUT', 'POST'],
  PUT: ['PUT'],
  POST: ['POST'],
  DELETE: ['DELETE'],
};

/**
 * Swift's TempURL middleware: a request for an object carrying `temp_url_sig` and
 * `temp_url_expires` (and optionally `temp_url_prefix`) is allowed without a token when
 * the signature is the HMAC of `<method>\n<expires>\n<path>` under one of the account's
 * (X-Account-Meta-Temp-URL-Key[-2]) or container's (X-Container-Meta-Temp-URL-Key[-2])
 * keys, with SHA1, SHA256 or SHA512, and the expiry has not passed.
 */
@Injectable()
export class TempUrlService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
  ) {}

  async allows(r: SwiftRequest): Promise<boolean> {
    const sig = parseSignature(r.query.get('temp_url_sig') ?? '');
    const expires = parseExpires(r.query.get('temp_url_expires') ?? '');
    const { account, container, object } = r.path;
    if (!sig || expires === undefined || expires < Date.now() / 1000 || !container || !object) {
      return false;
    }
    const prefix = r.query.get('temp_url_prefix');
    if (prefix !== null && !object.startsWith(prefix)) {
      return false;
    }
    const path = prefix !== null ? `prefix:/v1/${account}/${container}/${prefix}` : `/v1/${account}/${container}/${object}`;
    const keys = await this.keysFor(account, container);
    const methods = SIGNED_METHODS[r.method] ?? [];
    return keys.some((key) => methods.some((m) => macEquals(tempUrlHmac(key, sig.digest, m, expires, path), sig.mac)));
  }

  private async keysFor(account: string, container: string): Promise<string[]> {
    const [acc, cont] = await Promise.all([this.accounts.find(account), this.containers.find(account, container)]);
    const a = parseMetaJson(acc?.meta);
    const c = parseMetaJson(cont?.meta);
    return [a['temp-url-key'], a['temp-url-key-2'], c['temp-url-key'], c['temp-url-key-2']].filter(
      (k): k is string => typeof k === 'string' && k !== '',
    );
  }
}
