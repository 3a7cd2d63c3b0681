import {
  base64url,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose'

export interface DecodedJwt {
  header: ProtectedHeaderParameters
  claims: JWTPayload
  /** The three dot-separated parts as sent: header, payload, signature. */
  parts: readonly [string, string, string]
}

/** Reads a JWT's header and claims. Reading is not trusting: nothing here checks the signature. */
export function decodeToken(token: string): DecodedJwt {
  const [header = '', payload = '', signature = ''] = token.split('.')
  return {
    header: decodeProtectedHeader(token),
    claims: decodeJwt(token),
    parts: [header, payload, signature],
  }
}

export type SignatureVerdict =
  | { kind: 'valid'; alg: string; kid: string | undefined; expired: boolean }
  /** A shared-secret algorithm: only whoever holds the secret (the server) can check it. */
  | { kind: 'secret'; alg: string }
  | { kind: 'invalid'; alg: string; reason: InvalidSignatureReason }

/** Why a token's signature could not be accepted; the page says it in its own language. */
export type InvalidSignatureReason = 'signature' | 'noKey' | 'algorithm' | 'unreadable'

let keySet: ReturnType<typeof createRemoteJWKSet> | null = null

/** The server's public keys, fetched once and cached by jose (refetched for an unknown `kid`). */
function serverKeys() {
  keySet ??= createRemoteJWKSet(new URL('/api/.well-known/jwks.json', window.location.origin))
  return keySet
}

/**
 * Checks the token in the browser against the server's published keys, as every party that
 * receives it could: the signature, then `typ` and `exp` at `now` (the server's clock, which the
 * lab may have moved). Only asymmetric algorithms allow this; the algorithm is pinned so that a
 * token cannot pick a weaker one.
 */
export async function verifySignature(token: string, now: Date): Promise<SignatureVerdict> {
  const { alg = 'none', kid } = decodeProtectedHeader(token)
  if (alg.startsWith('HS')) return { kind: 'secret', alg }
  try {
    const { protectedHeader } = await jwtVerify(token, serverKeys(), {
      algorithms: ['ES256'],
      typ: 'at+jwt',
      currentDate: now,
    })
    return { kind: 'valid', alg: protectedHeader.alg, kid: protectedHeader.kid, expired: false }
  } catch (error) {
    // Claims are checked only after the signature: an expired token was still signed by the server.
    if (error instanceof errors.JWTExpired) return { kind: 'valid', alg, kid, expired: true }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { kind: 'invalid', alg, reason: 'signature' }
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return { kind: 'invalid', alg, reason: 'noKey' }
    }
    if (error instanceof errors.JOSEAlgNotAllowed) {
      return { kind: 'invalid', alg, reason: 'algorithm' }
    }
    return { kind: 'invalid', alg, reason: 'unreadable' }
  }
}

export type Forgery =
  | { kind: 'claim'; claim: string; value: unknown }
  /** The classic: declare the token unsigned and hope the server takes the header's word. */
  | { kind: 'alg-none' }

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value))

/**
 * A forged copy of `token`. A changed claim keeps the original signature, which no longer matches
 * what it signs; `alg: none` drops the signature altogether. A correct server refuses both.
 */
export function forgeToken(token: string, forgery: Forgery): string {
  const { header, claims, parts } = decodeToken(token)
  if (forgery.kind === 'alg-none') return `${encodeJson({ ...header, alg: 'none' })}.${parts[1]}.`
  return `${parts[0]}.${encodeJson({ ...claims, [forgery.claim]: forgery.value })}.${parts[2]}`
}
