import type { RevocationReason } from '../../contract/problem'

/**
 * Why a session ended, so the user can be told:
 * - `user`: they signed out in this tab; `other-tab`: they signed out in another tab;
 * - `expired`: the session reached its absolute or idle end (`refresh_expired`, or a
 *   `refresh_missing` once `sessionExpiresAt` has passed: the browser dropped the cookie);
 * - `revoked`: another device revoked it (`session_revoked`);
 * - `password_changed`: the password was changed on another device, which revoked every other
 *   session (`session_revoked` with `reason: "password_changed"`);
 * - `reused`: its refresh token was presented twice (`refresh_reused`);
 * - `ended`: any other definite refusal (`refresh_invalid`, a `refresh_missing` before the end);
 * - `bad-response`: the server kept answering the refresh with something that is not a token
 *   response, so the session could not be kept.
 */
export type SignOutReason =
  | 'user'
  | 'other-tab'
  | 'expired'
  | 'revoked'
  | 'password_changed'
  | 'reused'
  | 'ended'
  | 'bad-response'

export const SIGN_OUT_REASONS = [
  'user',
  'other-tab',
  'expired',
  'revoked',
  'password_changed',
  'reused',
  'ended',
  'bad-response',
] as const satisfies readonly SignOutReason[]

/** True for a session the server ended, as opposed to one the user ended. */
export const endedByServer = (reason: SignOutReason): boolean =>
  reason !== 'user' && reason !== 'other-tab'

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
