import { http, type HttpHandler } from 'msw'
import {
  passwordChangeSchema,
  REAUTHENTICATION_CHALLENGE,
  reauthenticationSchema,
} from '../../contract/account'
import { verifyPassword } from '../../mocks/crypto'
import { db } from '../../mocks/db'
import { json, noContent } from '../../mocks/http-helpers'
import { problem } from '../../mocks/problem'
import { createSession, tokenResponse, toUserDto } from '../../mocks/session-service'
import { issueAccessToken } from '../../mocks/tokens'
import { withAuth } from '../../mocks/with-auth'

/** The step-up endpoint the tests call: any endpoint of the contract's step-up list would do. */
export const STEP_UP_ENDPOINT = '/api/me/password'

/** A passkey assertion the test server accepts, as `startAuthentication` would return one. */
export const GOOD_ASSERTION = { id: 'passkey-1', type: 'public-key', response: {} }

/**
 * The server side of step-up for tests, as the contract describes it: `POST /api/me/password`
 * accepts only a token earned by `POST /api/auth/reauthenticate` (a fresh sign-in) and refuses
 * any other valid token with `401 reauthentication_required`; the re-authentication takes the
 * password of the caller or {@link GOOD_ASSERTION}, and answers a token for the same session.
 */
export function stepUpServer() {
  /** Tokens whose sign-in is fresh. */
  const fresh = new Set<string>()
  const handlers: HttpHandler[] = [
    http.post(
      '/api/auth/reauthenticate',
      withAuth(async ({ request, auth }) => {
        const proof = reauthenticationSchema.safeParse(await request.json())
        if (!proof.success) return problem(400, 'validation_failed', 'Check the form.')
        const accepted =
          'password' in proof.data
            ? await verifyPassword(proof.data.password, auth.user.password)
            : proof.data.credential.id === GOOD_ASSERTION.id
        if (!accepted) {
          return 'password' in proof.data
            ? problem(401, 'invalid_credentials', 'Wrong username or password.')
            : problem(401, 'passkey_invalid', 'That passkey was not accepted.')
        }
        const session = db.sessions.get(auth.sessionId)
        if (!session) throw new Error('withAuth let in a token without a session')
        const accessToken = await issueAccessToken(auth.user, session)
        fresh.add(accessToken)
        return json({
          accessToken,
          tokenType: 'Bearer',
          expiresIn: db.config.accessTokenTtlSec,
          user: toUserDto(auth.user),
        })
      }),
    ),
    http.post(
      STEP_UP_ENDPOINT,
      withAuth(async ({ request }) => {
        const token = (request.headers.get('Authorization') ?? '').replace(/^Bearer /, '')
        if (!passwordChangeSchema.safeParse(await request.json()).success) {
          return problem(400, 'validation_failed', 'Check the form.')
        }
        if (fresh.has(token)) return noContent()
        return problem(401, 'reauthentication_required', 'Confirm it is you.', {
          headers: { 'WWW-Authenticate': REAUTHENTICATION_CHALLENGE },
        })
      }),
    ),
  ]
  return { handlers }
}

/**
 * Signs `demo` in as `POST /api/auth/login` does, but with an account that has `passkeys`
 * passkeys (the mock backend has none yet).
 */
export function loginWithPasskeys(passkeys: number): HttpHandler {
  return http.post('/api/auth/login', async () => {
    const user = [...db.users.values()].find(({ username }) => username === 'demo')
    if (!user) throw new Error('The seed has no demo user.')
    const signIn = { user, provider: 'password', userAgent: 'test', remember: true } as const
    const { session, refreshToken } = await createSession({ ...signIn, refreshCookie: undefined })
    const response = await tokenResponse(user, session, refreshToken)
    const body = (await response.json()) as { user: Record<string, unknown> }
    return json({ ...body, user: { ...body.user, passkeys } }, { headers: response.headers })
  })
}
