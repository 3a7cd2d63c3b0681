import type { PathParams } from 'msw'
import { db, isSessionActive, type UserRecord } from './db.ts'
import { problem } from './problem.ts'
import { verifyAccessToken, type AccessClaims } from './tokens.ts'

export interface AuthContext {
  user: UserRecord
  sessionId: string
  claims: AccessClaims
}

interface ResolverInfo<P extends PathParams> {
  request: Request
  params: P
}

const TITLES = {
  token_missing: 'You need to sign in.',
  token_invalid: 'Your sign-in is not valid.',
  token_expired: 'Your sign-in has expired.',
} as const

/** RFC 6750: no credentials gets a bare challenge; a bad one says `invalid_token`. */
export function unauthorized(code: keyof typeof TITLES) {
  db.stats.rejectedAccessTokens++
  const challenge =
    code === 'token_missing' ? 'Bearer realm="reel"' : 'Bearer realm="reel", error="invalid_token"'
  return problem(401, code, TITLES[code], { headers: { 'WWW-Authenticate': challenge } })
}

/**
 * Wraps a resolver so it runs only with a valid access token, and hands it the caller.
 *
 * @example
 * http.get('/api/me', withAuth(({ auth }) => json(toUserDto(auth.user))))
 */
export function withAuth<P extends PathParams>(
  resolver: (info: ResolverInfo<P> & { auth: AuthContext }) => Response | Promise<Response>,
) {
  return async (info: ResolverInfo<P>): Promise<Response> => {
    const [scheme, token, ...rest] = (info.request.headers.get('Authorization') ?? '').split(' ')
    if (scheme?.toLowerCase() !== 'bearer') return unauthorized('token_missing')
    // Bearer credentials that are not one token are a malformed token, not a missing one.
    if (!token || rest.length > 0) return unauthorized('token_invalid')
    const verdict = await verifyAccessToken(token)
    if (!verdict.ok) return unauthorized(verdict.code)
    const user = db.users.get(verdict.claims.sub)
    if (!user) return unauthorized('token_invalid')
    // A signature proves the token was issued, not that its session still stands: logging out,
    // revoking a device, reuse detection and expiry must stop its access tokens at once.
    const session = db.sessions.get(verdict.claims.sid)
    if (!session || session.userId !== user.id || !isSessionActive(session)) {
      return unauthorized('token_invalid')
    }
    return resolver({
      ...info,
      auth: { user, sessionId: verdict.claims.sid, claims: verdict.claims },
    })
  }
}
