import { http } from 'msw'
import { reauthenticationSchema, type AuthMethod } from '../../../contract/account.ts'
import { db, isSessionActive, serverNow, type SessionRecord, type UserRecord } from '../db.ts'
import { json, parseJsonBody } from '../http-helpers.ts'
import { passwordRefusal } from '../password-proof.ts'
import { throttledAssertion } from './passkeys.ts'
import { tokenBody } from '../session-service.ts'
import { unauthorized, withAuth } from '../with-auth.ts'

/**
 * `POST /api/auth/reauthenticate`: the signed-in user proves who they are again, and the session
 * gets a fresh `auth_time` for step-up. The refresh cookie is not rotated: nothing about the
 * session changes but that time, and the new access token that carries it.
 */
export const reauthenticateHandlers = [
  http.post(
    '/api/auth/reauthenticate',
    withAuth(async ({ request, auth }) => {
      const parsed = await parseJsonBody(request, reauthenticationSchema)
      if (!parsed.ok) return parsed.response
      const session = db.sessions.get(auth.sessionId)
      if (!session) return unauthorized('token_invalid')
      if ('credential' in parsed.data) {
        const verdict = await throttledAssertion(parsed.data.credential, request, auth.user)
        if (verdict instanceof Response) return verdict
        return reauthenticated(auth.user, session, 'passkey')
      }
      const refusal = await passwordRefusal(auth.user, parsed.data.password, request)
      if (refusal) return refusal
      return reauthenticated(auth.user, session, 'pwd')
    }),
  ),
]

async function reauthenticated(user: UserRecord, session: SessionRecord, method: AuthMethod) {
  // The proof took a while: a session ended meanwhile (signed out elsewhere) stays ended.
  if (!isSessionActive(session)) return unauthorized('token_invalid')
  session.authTime = serverNow()
  session.authMethod = method
  return json(await tokenBody(user, session))
}
