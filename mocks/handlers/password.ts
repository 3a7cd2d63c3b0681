import { http } from 'msw'
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordChangeSchema,
} from '../../contract/account.ts'
import { hashPassword } from '../crypto.ts'
import { db } from '../db.ts'
import { noContent, parseJsonBody } from '../http-helpers.ts'
import { passwordRefusal } from '../password-proof.ts'
import { problem, validationFailed } from '../problem.ts'
import { revokeSession } from '../session-service.ts'
import { withStepUp } from '../with-step-up.ts'

/** Why a new password is refused, or null when it is strong enough. */
function weakness(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `A password has at most ${PASSWORD_MAX_LENGTH} characters.`
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return 'A password must not contain the username.'
  }
  return null
}

export const passwordHandlers = [
  http.post(
    '/api/me/password',
    withStepUp(async ({ request, auth }) => {
      const parsed = await parseJsonBody(request, passwordChangeSchema)
      if (!parsed.ok) return parsed.response
      const { currentPassword, newPassword } = parsed.data
      const { user } = auth
      // Strength first: it needs no secret, so a weak choice is said before any guess is counted.
      const weak = weakness(newPassword, user.username)
      if (weak) return problem(400, 'weak_password', weak)
      if (user.password !== null) {
        // Step-up proves a recent sign-in; this proves the person at the keyboard knows it too.
        if (currentPassword === undefined) {
          return validationFailed('currentPassword: required, since the account has a password.')
        }
        const refusal = await passwordRefusal(user, currentPassword, request)
        if (refusal) return refusal
      }
      user.password = hashPassword(newPassword)
      // Whoever knew the old password may hold another session: every one but this ends, and
      // each device is told why when it next refreshes.
      for (const session of db.sessions.values()) {
        if (session.userId === user.id && session.id !== auth.sessionId) {
          revokeSession(session, 'password_changed')
        }
      }
      return noContent()
    }),
  ),
]
