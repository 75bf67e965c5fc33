import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type TokenClaims } from './token-claims.js';

/** Compact JWS: three base64url segments, the signature one non-empty (as the jws package checks). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** ES256 signatures are r || s, 32 bytes each (RFC 7518 §3.4), never DER. */
const ES256_SIGNATURE_BYTES = 64;
/** Seconds of clock skew tolerated on exp / nbf, as before (jsonwebtoken's clockTolerance). */
const CLOCK_TOLERANCE_S = 5;

export interface ParsedJws {
  readonly kid: string;
  /** `header.payload`, the bytes the signature covers. */
  readonly signingInput: string;
  readonly payload: string;
  readonly signature: string;
}

/**
 * Split a compact JWS and read its header; undefined unless it is well formed, ES256 and
 * carries a string `kid`. Nothing here is trusted yet: the signature is checked by
 * {@link verifyEs256}.
 */
export function parseJws(token: string): ParsedJws | undefined {
  if (!COMPACT_JWS.test(token)) {
    return undefined;
  }
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(token.slice(0, first), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const h = header as { alg?: unknown; kid?: unknown } | null;
  if (!h || typeof h !== 'object' || h.alg !== TOKEN_ALGORITHM || typeof h.kid !== 'string') {
    return undefined;
  }
  return {
    kid: h.kid,
    signingInput: token.slice(0, second),
    payload: token.slice(first + 1, second),
    signature: token.slice(second + 1),
  };
}

/**
 * Check the ES256 signature with an already imported public key (no per-call key import:
 * one `crypto.verify`, the whole cost of a first sight), then the registered claims the way
 * jsonwebtoken did: issuer, audience, exp and nbf with 5 s tolerance, iat a number. Returns
 * the payload object, or undefined when any check fails.
 */
export function verifyEs256(jws: ParsedJws, key: KeyObject, nowMs: number): unknown {
  const signature = Buffer.from(jws.signature, 'base64url');
  if (signature.length !== ES256_SIGNATURE_BYTES) {
    return undefined;
  }
  let ok: boolean;
  try {
    ok = cryptoVerify(
      'sha256',
      Buffer.from(jws.signingInput, 'latin1'),
      { key, dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    return undefined;
  }
  if (!ok) {
    return undefined;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return registeredClaimsValid(payload, nowMs / 1000) ? payload : undefined;
}

function registeredClaimsValid(payload: unknown, now: number): boolean {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return false;
  }
  const c = payload as {
    iss?: unknown;
    aud?: unknown;
    exp?: unknown;
    nbf?: unknown;
    iat?: unknown;
  };
  const audOk = Array.isArray(c.aud) ? c.aud.includes(TOKEN_AUDIENCE) : c.aud === TOKEN_AUDIENCE;
  return (
    c.iss === TOKEN_ISSUER &&
    audOk &&
    typeof c.exp === 'number' &&
    now < c.exp + CLOCK_TOLERANCE_S &&
    (c.nbf === undefined || (typeof c.nbf === 'number' && c.nbf <= now + CLOCK_TOLERANCE_S)) &&
    (c.iat === undefined || typeof c.iat === 'number')
  );
}

const headers = new Map<string, string>();

/**
 * Sign claims as a compact JWS, ES256, `{"alg":"ES256","typ":"JWT","kid":...}` header (what
 * jsonwebtoken wrote): one `crypto.sign` with the imported private key, IEEE P1363 signature.
 */
export function signEs256(claims: TokenClaims, kid: string, key: KeyObject): string {
  let header = headers.get(kid);
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid })).toString(
      'base64url',
    );
    if (headers.size > 64) {
      headers.clear();
    }
    headers.set(kid, header);
  }
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = cryptoSign('sha256', Buffer.from(input, 'latin1'), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}
