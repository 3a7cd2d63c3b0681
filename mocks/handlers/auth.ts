import { http } from 'msw'
import { credentialsSchema } from '../../contract/auth.ts'
import { clientAddressOf } from '../client-address.ts'
import { verifyPassword } from '../crypto.ts'
import { db, findUserByUsername, serverNow } from '../db.ts'
import {
  REFRESH_COOKIE,
  clearedRefreshCookie,
  csrfRefusal,
  noContent,
  parseJsonBody,
} from '../http-helpers.ts'
import { linkWithToken } from '../link-tokens.ts'
import { forgetLoginFailures, loginRetryAfterSec, recordLoginFailure } from '../login-throttle.ts'
import { problem } from '../problem.ts'
import {
  createSession,
  refreshFailure,
  revokeSessionOfToken,
  rotateRefreshToken,
  tokenResponse,
} from '../session-service.ts'
import { withStepUp } from '../with-step-up.ts'

export const authHandlers = [
  // Runs first for every auth route and falls through when the request passes.
  http.all('/api/auth/*', async ({ request }) => (await csrfRefusal(request)) ?? undefined),

  http.post('/api/auth/login', async ({ request, cookies }) => {
    db.stats.loginCalls++
    const parsed = await parseJsonBody(request, credentialsSchema)
    if (!parsed.ok) return parsed.response
    const { username, password, remember, linkToken } = parsed.data
    const address = clientAddressOf(request)
    const now = serverNow()
    const retryAfter = loginRetryAfterSec(db.loginFailures, username, address, now)
    if (retryAfter > 0) {
      return problem(429, 'too_many_attempts', 'Too many sign-in attempts. Try again later.', {
        headers: { 'Retry-After': String(retryAfter) },
      })
    }
    // Counted as a failure before the password check awaits, so concurrent guesses all see it
    // (and none is lost); a success below forgets this address's failures.
    recordLoginFailure(db.loginFailures, username, address, now)
    const user = findUserByUsername(username)
    if (!(await verifyPassword(password, user?.password ?? null)) || !user) {
      return problem(401, 'invalid_credentials', 'The username or password is incorrect.')
    }
    // Judged only once the password is right, so a wrong one leaves the token for the next try
    // (throttled like any sign-in) and the token says nothing about the password.
    if (linkToken !== undefined && !(await linkWithToken(linkToken, user))) {
      return problem(400, 'link_invalid', 'This sign-in cannot link that account. Sign in again.', {
        detail: 'The link token is unknown, used, expired or for another account.',
      })
    }
    forgetLoginFailures(db.loginFailures, username, address)
    const { session, refreshToken } = await createSession({
      user,
      provider: 'password',
      userAgent: request.headers.get('User-Agent') ?? '',
      remember,
      refreshCookie: cookies[REFRESH_COOKIE],
    })
    return tokenResponse(user, session, refreshToken)
  }),

  http.post('/api/auth/refresh', async ({ cookies }) => {
    db.stats.refreshCalls++
    switch (db.config.refreshFailure) {
      case 'unauthorized':
        return refreshFailure({ code: 'refresh_invalid' })
      case 'server_error':
        return problem(500, 'server_error', 'Something went wrong on our side.', {
          detail: 'Simulated by the lab (refreshFailure: server_error).',
        })
      case 'network':
        return Response.error()
    }
    const result = await rotateRefreshToken(cookies[REFRESH_COOKIE])
    if (!result.ok) return refreshFailure(result)
    db.stats.refreshSucceeded++
    return tokenResponse(result.user, result.session, result.refreshToken)
  }),

  http.post('/api/auth/logout', async ({ cookies }) => {
    await revokeSessionOfToken(cookies[REFRESH_COOKIE])
    return noContent({ 'Set-Cookie': clearedRefreshCookie })
  }),

  http.post(
    '/api/auth/logout-all',
    withStepUp(({ auth }) => {
      for (const session of db.sessions.values()) {
        if (session.userId === auth.user.id) session.revoked = true
      }
      return noContent({ 'Set-Cookie': clearedRefreshCookie })
    }),
  ),

  http.post(
    '/api/auth/logout-others',
    withStepUp(({ auth }) => {
      for (const session of db.sessions.values()) {
        if (session.userId === auth.user.id && session.id !== auth.sessionId) {
          session.revoked = true
        }
      }
      return noContent()
    }),
  ),
]
