import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  jwtVerify,
  errors,
  type JWK,
} from 'jose'
import { z } from 'zod'
import { randomToken } from './crypto.ts'
import { authMethodSchema } from '../../contract/account.ts'
import { db, serverNow, type SessionRecord, type UserRecord } from './db.ts'

export const ISSUER = 'https://reel.example'
export const AUDIENCE = 'reel-api'
const LEEWAY_SEC = 5

// Keys live for the life of the host process; a restart signs everyone's access token out,
// which the client survives by refreshing.
const es256 = await generateKeyPair('ES256', { extractable: true })
const es256PublicJwk: JWK = await exportJWK(es256.publicKey)
const es256Kid = await calculateJwkThumbprint(es256PublicJwk)
const hs256Secret = crypto.getRandomValues(new Uint8Array(32))
const HS256_KID = 'hs256-lab'

/** The public keys, as served at `/.well-known/jwks.json`. */
export const jwks = { keys: [{ ...es256PublicJwk, kid: es256Kid, alg: 'ES256', use: 'sig' }] }

const accessClaimsSchema = z.looseObject({
  sub: z.string(),
  sid: z.string(),
  name: z.string(),
  jti: z.string(),
  iat: z.number(),
  exp: z.number(),
  auth_time: z.number(),
  amr: z.array(authMethodSchema),
})

export type AccessClaims = z.infer<typeof accessClaimsSchema>

/** Signs a new access token for a session with the algorithm the lab currently selects. */
export async function issueAccessToken(
  user: UserRecord,
  session: Pick<SessionRecord, 'id' | 'authTime' | 'authMethod'>,
): Promise<string> {
  const alg = db.config.signingAlg
  const nowSec = Math.floor(serverNow() / 1000)
  return new SignJWT({
    sid: session.id,
    name: user.displayName,
    auth_time: Math.floor(session.authTime / 1000),
    amr: [session.authMethod],
  })
    .setProtectedHeader({ alg, typ: 'at+jwt', kid: alg === 'ES256' ? es256Kid : HS256_KID })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(user.id)
    .setJti(randomToken(16))
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + db.config.accessTokenTtlSec)
    .sign(alg === 'ES256' ? es256.privateKey : hs256Secret)
}

export type AccessTokenVerdict =
  { ok: true; claims: AccessClaims } | { ok: false; code: 'token_invalid' | 'token_expired' }

const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5c', 'x5u'] as const

/**
 * Accepts only the configured algorithm and key. Keys named or embedded by the token itself
 * are refused before any signature check: a server must never let a token choose its own key.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenVerdict> {
  const invalid = { ok: false, code: 'token_invalid' } as const
  try {
    const header = decodeProtectedHeader(token)
    if (EMBEDDED_KEY_HEADERS.some((name) => name in header)) return invalid
    const alg = db.config.signingAlg
    if (header.kid !== (alg === 'ES256' ? es256Kid : HS256_KID)) return invalid
    const { payload } = await jwtVerify(token, alg === 'ES256' ? es256.publicKey : hs256Secret, {
      algorithms: [alg],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'at+jwt',
      clockTolerance: LEEWAY_SEC,
      currentDate: new Date(serverNow()),
      requiredClaims: ['sub', 'sid', 'jti', 'iat', 'exp', 'auth_time'],
    })
    const claims = accessClaimsSchema.safeParse(payload)
    return claims.success ? { ok: true, claims: claims.data } : invalid
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, code: 'token_expired' }
    return invalid
  }
}
