import { http } from 'msw'
import { z } from 'zod'
import { verifyPassword } from '../crypto.ts'
import { db, findUserByUsername, serverNow } from '../db.ts'
import {
  REFRESH_COOKIE,
  clearedRefreshCookie,
  csrfRefusal,
  noContent,
  parseJsonBody,
} from '../http-helpers.ts'
import { problem } from '../problem.ts'
import {
  createSession,
  refreshFailure,
  revokeSessionOfToken,
  rotateRefreshToken,
  tokenResponse,
} from '../session-service.ts'
import { withAuth } from '../with-auth.ts'

const THROTTLE_WINDOW_MS = 15 * 60 * 1000
const THROTTLE_MAX_FAILURES = 5

const credentialsSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(128),
})

/** Failures for this username still inside the window; older ones are forgotten. */
function recentFailures(username: string, now: number): number[] {
  const recent = (db.loginFailures.get(username) ?? []).filter((t) => now - t < THROTTLE_WINDOW_MS)
  db.loginFailures.set(username, recent)
  return recent
}

export const authHandlers = [
  // Runs first for every auth route and falls through when the request passes.
  http.all('/api/auth/*', async ({ request }) => (await csrfRefusal(request)) ?? undefined),

  http.post('/api/auth/login', async ({ request }) => {
    db.stats.loginCalls++
    const parsed = await parseJsonBody(request, credentialsSchema)
    if (!parsed.ok) return parsed.response
    const { username, password } = parsed.data
    const now = serverNow()
    const failures = recentFailures(username, now)
    if (failures.length >= THROTTLE_MAX_FAILURES) {
      const retryAfter = Math.ceil(((failures[0] ?? now) + THROTTLE_WINDOW_MS - now) / 1000)
      return problem(429, 'too_many_attempts', 'Too many sign-in attempts. Try again later.', {
        headers: { 'Retry-After': String(retryAfter) },
      })
    }
    // Counted as a failure before the password check awaits, so concurrent guesses all see it
    // (and none is lost); a success below forgets the failures anyway.
    failures.push(now)
    const user = findUserByUsername(username)
    if (!(await verifyPassword(password, user?.password ?? null)) || !user) {
      return problem(401, 'invalid_credentials', 'The username or password is incorrect.')
    }
    db.loginFailures.delete(username)
    const { session, refreshToken } = await createSession(
      user,
      'password',
      request.headers.get('User-Agent') ?? '',
    )
    return tokenResponse(user, session, refreshToken)
  }),

  http.post('/api/auth/refresh', async ({ cookies }) => {
    db.stats.refreshCalls++
    switch (db.config.refreshFailure) {
      case 'unauthorized':
        return refreshFailure('refresh_invalid')
      case 'server_error':
        return problem(500, 'server_error', 'Something went wrong on our side.', {
          detail: 'Simulated by the lab (refreshFailure: server_error).',
        })
      case 'network':
        return Response.error()
    }
    const result = await rotateRefreshToken(cookies[REFRESH_COOKIE])
    if (!result.ok) return refreshFailure(result.code)
    db.stats.refreshSucceeded++
    return tokenResponse(result.user, result.session, result.refreshToken)
  }),

  http.post('/api/auth/logout', async ({ cookies }) => {
    await revokeSessionOfToken(cookies[REFRESH_COOKIE])
    return noContent({ 'Set-Cookie': clearedRefreshCookie })
  }),

  http.post(
    '/api/auth/logout-all',
    withAuth(({ auth }) => {
      for (const session of db.sessions.values()) {
        if (session.userId === auth.user.id) session.revoked = true
      }
      return noContent({ 'Set-Cookie': clearedRefreshCookie })
    }),
  ),
]
