import type { RevocationReason } from '../../contract/problem'
import type { SignOutReason } from './events'

/**
 * Turns the code of a refresh the server definitely refused into what the user is told.
 * `sessionExpiresAt` (wall-clock ms, or null when the backend did not say) tells an expired
 * session from a missing cookie: the browser drops the cookie when its `Max-Age` runs out, so
 * at or after the session's end a `refresh_missing` is that same expiry. `revocation` is why a
 * revoked session was revoked, when the server said (see `revocationReasonOf`).
 */
export function signOutReasonFor(
  code: string | null,
  sessionExpiresAt: number | null,
  now: number,
  revocation: RevocationReason | null = null,
): SignOutReason {
  switch (code) {
    case 'refresh_expired':
      return 'expired'
    case 'session_revoked':
      return revocation === 'password_changed' ? 'password_changed' : 'revoked'
    case 'refresh_reused':
      return 'reused'
    case 'refresh_missing':
      return sessionExpiresAt !== null && now >= sessionExpiresAt ? 'expired' : 'ended'
    default:
      return 'ended'
  }
}
