import type { User } from './auth-api'
import { endedByServer, type SignOutReason } from './sign-out-reason'

export type AuthStatus = 'restoring' | 'signed-in' | 'signed-out'

export interface AuthState {
  readonly status: AuthStatus
  readonly user: User | null
  /** Why the last session ended; null until one has (a fresh visitor was never signed in). */
  readonly endedBecause: SignOutReason | null
  /** A refresh failed for a transient reason and is being retried; the session is kept. */
  readonly reconnecting: boolean
  /**
   * When the session ends absolutely, in wall-clock ms (the server's `sessionExpiresAt`); null
   * when signed out or when the backend does not say (contract v1).
   */
  readonly sessionExpiresAt: number | null
  /** A sign-out has begun: no token answer is accepted any more, in this tab or from another. */
  readonly signingOut: boolean
  /**
   * This device is signed out but the server could not be told yet (offline, 5xx, timeout); it
   * will be told when it can be reached, by this tab or by the next one to start.
   */
  readonly logoutPending: boolean
}

/** Everything that changes the state; the session performs the effects and dispatches these. */
export type AuthAction =
  /** A token response for a user: from a sign-in, a refresh, or another tab. */
  | { type: 'tokens-accepted'; user: User; sessionExpiresAt: number | null }
  /** A refresh got no definite answer; the session is kept and retried. */
  | { type: 'refresh-failed-transiently' }
  /** The server definitely ended the session, or another tab ended it. */
  | { type: 'session-ended'; reason: SignOutReason }
  | { type: 'sign-out-started' }
  /** The sign-out finished here; `logoutPending` when the server has not heard of it yet. */
  | { type: 'signed-out'; logoutPending: boolean }
  /** A pending logout reached the server. */
  | { type: 'logout-delivered' }

export type AuthActionType = AuthAction['type']

export const initialAuthState: AuthState = {
  status: 'restoring',
  user: null,
  endedBecause: null,
  reconnecting: false,
  sessionExpiresAt: null,
  signingOut: false,
  logoutPending: false,
}

const sameUser = (a: User | null, b: User) => a !== null && JSON.stringify(a) === JSON.stringify(b)

/** The five states the table in the tests walks: restoring, signed-in, reconnecting, … */
export type AuthPhase = 'restoring' | 'signed-in' | 'reconnecting' | 'signing-out' | 'signed-out'

export function phaseOf(state: AuthState): AuthPhase {
  if (state.signingOut) return 'signing-out'
  if (state.status === 'signed-in' && state.reconnecting) return 'reconnecting'
  return state.status
}

function signedOut(state: AuthState, reason: SignOutReason, logoutPending: boolean): AuthState {
  // A first visit that finds no session is not an ended session: show no message for it. A
  // restore the server refuses for a known cause (expired, revoked, reused) did find one.
  const worthTelling = state.status === 'signed-in' || (endedByServer(reason) && reason !== 'ended')
  return {
    status: 'signed-out',
    user: null,
    endedBecause: worthTelling ? reason : state.endedBecause,
    reconnecting: false,
    sessionExpiresAt: null,
    signingOut: false,
    logoutPending,
  }
}

/**
 * The session's whole state machine, pure: no HTTP, no timers, no storage. Returns the same
 * object when nothing changes, so subscribers (React) are not woken for nothing.
 */
export function transition(state: AuthState, action: AuthAction): AuthState {
  switch (action.type) {
    case 'tokens-accepted':
      // A sign-out has begun: a token answer that arrives now belongs to the session being ended.
      if (state.signingOut) return state
      return {
        status: 'signed-in',
        // Keeping the same object when nothing changed spares React a re-render on every refresh.
        user: sameUser(state.user, action.user) ? state.user : action.user,
        endedBecause: state.endedBecause,
        reconnecting: false,
        sessionExpiresAt: action.sessionExpiresAt,
        signingOut: false,
        // A new session replaces the old cookie: the old server session can no longer be named.
        logoutPending: false,
      }
    case 'refresh-failed-transiently':
      if (state.status === 'signed-out' || state.signingOut || state.reconnecting) return state
      return { ...state, reconnecting: true }
    case 'session-ended':
      // The sign-out under way ends the session itself, and says it was the user.
      if (state.signingOut) return state
      if (state.status === 'signed-out') {
        // Already out: only a first restore's refusal has something to say.
        const next = signedOut(state, action.reason, state.logoutPending)
        return next.endedBecause === state.endedBecause ? state : next
      }
      return signedOut(state, action.reason, state.logoutPending)
    case 'sign-out-started':
      if (state.signingOut) return state
      return { ...state, signingOut: true, reconnecting: false }
    case 'signed-out':
      if (state.status === 'signed-out' && !state.signingOut) {
        return state.logoutPending === action.logoutPending
          ? state
          : { ...state, logoutPending: action.logoutPending }
      }
      return signedOut(state, 'user', action.logoutPending)
    case 'logout-delivered':
      return state.logoutPending ? { ...state, logoutPending: false } : state
  }
}
