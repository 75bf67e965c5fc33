import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
} from 'node:crypto';

export interface GeneratedKey {
  readonly kid: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

interface EcPublicJwk {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y: string;
}

const thumbprintOf = (jwk: EcPublicJwk): string =>
  createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an EC public key: a stable key id. */
export function jwkThumbprint(publicKey: KeyObject): string {
  return thumbprintOf(publicKey.export({ format: 'jwk' }) as EcPublicJwk);
}

/** `bytes` left-padded with zeros to `size` (a P-256 scalar may have leading zero bytes). */
const padded = (bytes: Buffer, size: number): Buffer =>
  bytes.length >= size ? bytes : Buffer.concat([Buffer.alloc(size - bytes.length), bytes]);

/**
 * A fresh EC P-256 key pair for ES256 signing. Made with ECDH and imported from its JWK
 * rather than by generateKeyPairSync: Node 20 can deadlock when garbage collection frees
 * a key generation job while the same key is being exported as a JWK (the job's
 * destructor takes the key's mutex, which the export holds while it allocates; seen as a
 * hung identity test in CI, main thread in ~KeyGenJob under ExportJWKEcKey). No job here,
 * and the key id comes from the JWK already at hand.
 */
export function generateSigningKey(): GeneratedKey {
  const ecdh = createECDH('prime256v1');
  const point = ecdh.generateKeys(); // uncompressed: 0x04 || x || y
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  const d = padded(ecdh.getPrivateKey(), 32).toString('base64url');
  const privateKey = createPrivateKey({ key: { ...jwk, d }, format: 'jwk' });
  return {
    kid: thumbprintOf(jwk),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const privateKeyOf = (pem: string): KeyObject => createPrivateKey(pem);
export const publicKeyOf = (pem: string): KeyObject => createPublicKey(pem);
