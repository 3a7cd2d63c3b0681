import { clientAddressOf } from './client-address.ts'
import { verifyPassword } from './crypto.ts'
import { db, serverNow, type UserRecord } from './db.ts'
import { forgetLoginFailures, loginRetryAfterSec, recordLoginFailure } from './login-throttle.ts'
import { problem } from './problem.ts'

/**
 * Checks the password of a signed-in user (re-authentication, password change), throttled by
 * the very counters of sign-in: an access token is no cheaper way to guess the password than
 * the login form. Null when it is right; otherwise the refusal to answer with.
 */
export async function passwordRefusal(
  user: UserRecord,
  password: string,
  request: Request,
): Promise<Response | null> {
  const address = clientAddressOf(request)
  const now = serverNow()
  const retryAfter = loginRetryAfterSec(db.loginFailures, user.username, address, now)
  if (retryAfter > 0) {
    return problem(429, 'too_many_attempts', 'Too many attempts. Try again later.', {
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
  // Counted before the check awaits, as at sign-in, so concurrent guesses all see it.
  recordLoginFailure(db.loginFailures, user.username, address, now)
  if (!(await verifyPassword(password, user.password))) {
    return problem(401, 'invalid_credentials', 'The password is incorrect.')
  }
  forgetLoginFailures(db.loginFailures, user.username, address)
  return null
}
