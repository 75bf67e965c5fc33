import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';

/** Key types an OpenSSH public key line may carry. */
const SSH_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

const colonHex = (digest: Buffer): string => [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':');

/**
 * The MD5 fingerprint ("aa:bb:...") of an OpenSSH public key line, as Nova computes it;
 * undefined when the line is not a well-formed key (type, base64 blob naming the same type).
 */
export function sshFingerprint(publicKey: string): string | undefined {
  const [type, data] = publicKey.trim().split(/\s+/);
  if (!type || !data || !SSH_TYPES.has(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) {
    return undefined;
  }
  const blob = Buffer.from(data, 'base64');
  if (blob.length < 4) {
    return undefined;
  }
  const len = blob.readUInt32BE(0);
  if (len + 4 > blob.length || blob.subarray(4, 4 + len).toString('latin1') !== type) {
    return undefined;
  }
  return colonHex(createHash('md5').update(blob).digest());
}

/** The SHA-1 fingerprint of a PEM X.509 certificate (keypair type x509); undefined when not one. */
export function x509Fingerprint(pem: string): string | undefined {
  try {
    return colonHex(createHash('sha1').update(new X509Certificate(pem).raw).digest());
  } catch {
    return undefined;
  }
}

/** An SSH wire-format string or mpint field: 4-byte length, then the bytes. */
function sshField(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** mpint: big-endian, with a 0 byte in front when the top bit is set. */
const mpint = (b: Buffer): Buffer => sshField(b[0] !== undefined && b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

/**
 * A new RSA 2048 key pair, as Nova generates one: the OpenSSH public key line and the
 * private key as a PKCS#1 PEM that ssh reads.
 */
export function generateSshKeypair(comment = 'Generated-by-Nova'): { publicKey: string; privateKey: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([
    sshField(Buffer.from('ssh-rsa')),
    mpint(Buffer.from(jwk.e ?? '', 'base64url')),
    mpint(Buffer.from(jwk.n ?? '', 'base64url')),
  ]);
  const line = `ssh-rsa ${blob.toString('base64')} ${comment}`;
  return {
    publicKey: line,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    fingerprint: colonHex(createHash('md5').update(blob).digest()),
  };
}
