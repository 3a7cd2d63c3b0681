import { http } from 'msw'
import { db, isSessionActive } from '../db.ts'
import { json, noContent } from '../http-helpers.ts'
import { notFound } from '../problem.ts'
import { withAuth } from '../with-auth.ts'

export const sessionHandlers = [
  http.get(
    '/api/auth/sessions',
    withAuth(({ auth }) => {
      const sessions = [...db.sessions.values()]
        .filter((session) => session.userId === auth.user.id && isSessionActive(session))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((session) => ({
          id: session.id,
          createdAt: new Date(session.createdAt).toISOString(),
          lastUsedAt: new Date(session.lastUsedAt).toISOString(),
          expiresAt: new Date(session.expiresAt).toISOString(),
          userAgent: session.userAgent,
          provider: session.provider,
          current: session.id === auth.sessionId,
        }))
      return json(sessions)
    }),
  ),

  http.delete<{ id: string }>(
    '/api/auth/sessions/:id',
    withAuth(({ auth, params }) => {
      const session = db.sessions.get(params.id)
      // Someone else's session answers exactly like a missing one: ids reveal nothing.
      if (!session || session.userId !== auth.user.id || !isSessionActive(session)) {
        return notFound('No such session.')
      }
      session.revoked = true
      return noContent()
    }),
  ),
]
