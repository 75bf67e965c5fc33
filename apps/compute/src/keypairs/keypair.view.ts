import type { ApiVersion } from '../http/api-version.js';
import { isoMicro } from '../shared/time.js';
import type { KeypairEntity } from './keypair.entity.js';

/** Nova's keypair view builder (views/keypairs.py), per microversion. */
export class KeypairView {
  constructor(private readonly version: ApiVersion) {}

  private typed(body: Record<string, unknown>, kp: KeypairEntity): Record<string, unknown> {
    return this.version.atLeast('2.2') ? { ...body, type: kp.type } : body;
  }

  /** POST answer: private_key only for a generated pair. */
  create(kp: KeypairEntity, privateKey: string | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = {
      name: kp.name,
      public_key: kp.publicKey,
      fingerprint: kp.fingerprint,
      user_id: kp.userId,
    };
    if (privateKey !== undefined) {
      body['private_key'] = privateKey;
    }
    return { keypair: this.typed(body, kp) };
  }

  /** GET /os-keypairs/{name}: the legacy fields (integer id, deleted...) included. */
  show(kp: KeypairEntity): Record<string, unknown> {
    const body = {
      name: kp.name,
      public_key: kp.publicKey,
      fingerprint: kp.fingerprint,
      user_id: kp.userId,
      deleted: false,
      created_at: isoMicro(kp.createdAt),
      updated_at: null,
      deleted_at: null,
      id: kp.id,
    };
    return { keypair: this.typed(body, kp) };
  }

  /** One entry of GET /os-keypairs. */
  listItem(kp: KeypairEntity): Record<string, unknown> {
    return { keypair: this.typed({ name: kp.name, public_key: kp.publicKey, fingerprint: kp.fingerprint }, kp) };
  }
}
