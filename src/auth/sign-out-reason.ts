import type { SignOutReason } from './events'

/**
 * Turns the code of a refresh the server definitely refused into what the user is told.
 * `sessionExpiresAt` (wall-clock ms, or null when the backend did not say) tells an expired
 * session from a missing cookie: the browser drops the cookie when its `Max-Age` runs out, so
 * at or after the session's end a `refresh_missing` is that same expiry.
 */
export function signOutReasonFor(
  code: string | null,
  sessionExpiresAt: number | null,
  now: number,
): SignOutReason {
  switch (code) {
    case 'refresh_expired':
      return 'expired'
    case 'session_revoked':
      return 'revoked'
    case 'refresh_reused':
      return 'reused'
    case 'refresh_missing':
      return sessionExpiresAt !== null && now >= sessionExpiresAt ? 'expired' : 'ended'
    default:
      return 'ended'
  }
}
