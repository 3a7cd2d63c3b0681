import type { PathParams } from 'msw'
import { REAUTHENTICATION_CHALLENGE, STEP_UP_MAX_AGE_SEC } from '../../contract/account.ts'
import { serverNow } from './db.ts'
import { problem } from './problem.ts'
import { withAuth, type AuthContext } from './with-auth.ts'

interface ResolverInfo<P extends PathParams> {
  request: Request
  params: P
  auth: AuthContext
}

/**
 * `withAuth` for a sensitive endpoint: it runs only when the token's `auth_time` is at most
 * `STEP_UP_MAX_AGE_SEC` old on the server clock, so a stolen or long-lived session cannot change
 * the account without the user proving who they are again. Otherwise `401
 * reauthentication_required` (RFC 9470), which the SPA answers by asking the user, never by
 * refreshing; nothing changes.
 *
 * @example
 * http.post('/api/me/password', withStepUp(({ auth, request }) => changePassword(auth, request)))
 */
export function withStepUp<P extends PathParams>(
  resolver: (info: ResolverInfo<P>) => Response | Promise<Response>,
) {
  return withAuth<P>((info) => {
    const ageSec = serverNow() / 1000 - info.auth.claims.auth_time
    if (ageSec > STEP_UP_MAX_AGE_SEC) {
      return problem(401, 'reauthentication_required', 'Please confirm it’s you to continue.', {
        detail: `This needs a sign-in at most ${STEP_UP_MAX_AGE_SEC} seconds old.`,
        headers: { 'WWW-Authenticate': REAUTHENTICATION_CHALLENGE },
      })
    }
    return resolver(info)
  })
}
