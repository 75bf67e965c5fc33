import { createHmac, timingSafeEqual } from 'node:crypto';

export type TempUrlDigest = 'sha1' | 'sha256' | 'sha512';

/** Digests accepted, as /info's tempurl.allowed_digests lists them. */
export const TEMPURL_DIGESTS: readonly TempUrlDigest[] = ['sha1', 'sha256', 'sha512'];
export const TEMPURL_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;

/** The HMAC body Swift signs: `<method>\n<expires>\n<path>` (path may be `prefix:<path>`). */
export function tempUrlHmac(key: string, digest: TempUrlDigest, method: string, expires: number, path: string): Buffer {
  return createHmac(digest, key).update(`${method}\n${expires}\n${path}`).digest();
}

/** A signature from the query: hex (length tells the digest) or `<digest>:<base64>`. */
export function parseSignature(sig: string): { digest: TempUrlDigest; mac: Buffer } | undefined {
  const prefixed = /^(sha1|sha256|sha512):(.+)$/.exec(sig);
  if (prefixed) {
    const mac = Buffer.from(prefixed[2]?.replace(/-/g, '+').replace(/_/g, '/') ?? '', 'base64');
    return { digest: prefixed[1] as TempUrlDigest, mac };
  }
  if (!/^[0-9a-fA-F]+$/.test(sig)) {
    return undefined;
  }
  const digest = ({ 40: 'sha1', 64: 'sha256', 128: 'sha512' } as const)[sig.length as 40 | 64 | 128];
  return digest ? { digest, mac: Buffer.from(sig, 'hex') } : undefined;
}

/** Unix seconds from `temp_url_expires`: an integer or ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`. */
export function parseExpires(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) {
    return Number(raw);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(raw)) {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? undefined : t / 1000;
  }
  return undefined;
}

export function macEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
