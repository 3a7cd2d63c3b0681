import type { User } from './auth-api'
import { endedByServer, type SignOutReason } from './sign-out-reason'

interface Told {
  /** Why the last session ended; null until one has (a fresh visitor was never signed in). */
  readonly endedBecause: SignOutReason | null
}

/**
 * When the session ends absolutely, in wall-clock ms (the server's `sessionExpiresAt`); null when
 * the backend does not say (contract v1).
 */
type SessionExpiresAt = number | null

/**
 * Where the session is, as one `phase`; each phase carries only the facts that mean something in
 * it, so no combination of fields is left without a meaning.
 */
export type AuthState =
  /**
   * The page asked the server whether a session exists and has no answer yet. `retrying`: the
   * first answer did not come (offline, 5xx) and is being retried.
   */
  | (Told & {
      readonly phase: 'restoring'
      readonly retrying: boolean
      readonly user: null
      readonly sessionExpiresAt: null
    })
  | (Told & {
      readonly phase: 'signed-in'
      readonly user: User
      readonly sessionExpiresAt: SessionExpiresAt
    })
  /** A refresh failed for a transient reason and is being retried; the session is kept. */
  | (Told & {
      readonly phase: 'reconnecting'
      readonly user: User
      readonly sessionExpiresAt: SessionExpiresAt
    })
  /**
   * A sign-out has begun: no token answer is accepted any more, in this tab or from another.
   * `user` is null when it began before anyone was signed in here.
   */
  | (Told & {
      readonly phase: 'signing-out'
      readonly user: User | null
      readonly sessionExpiresAt: SessionExpiresAt
    })
  /**
   * No session. `logoutPending`: this device signed out but the server could not be told yet
   * (offline, 5xx, timeout); it will be, by this tab or by the next one to start.
   */
  | (Told & {
      readonly phase: 'signed-out'
      readonly logoutPending: boolean
      readonly user: null
      readonly sessionExpiresAt: null
    })

/** Everything that changes the state; the session performs the effects and dispatches these. */
export type AuthAction =
  /** A token response for a user: from a sign-in, a refresh, or another tab. */
  | { type: 'tokens-accepted'; user: User; sessionExpiresAt: SessionExpiresAt }
  /** A refresh got no definite answer; the session is kept and retried. */
  | { type: 'refresh-failed-transiently' }
  /** The server definitely ended the session, or another tab ended it. */
  | { type: 'session-ended'; reason: SignOutReason }
  | { type: 'sign-out-started' }
  /** The sign-out finished here; `logoutPending` when the server has not heard of it yet. */
  | { type: 'signed-out'; logoutPending: boolean }
  /** A pending logout reached the server. */
  | { type: 'logout-delivered' }

export const initialAuthState: AuthState = {
  phase: 'restoring',
  retrying: false,
  user: null,
  endedBecause: null,
  sessionExpiresAt: null,
}

/** A user is known here: signed in, reconnecting, or signing out of their session. */
export const isSignedIn = (state: AuthState): boolean => state.user !== null

/** A session is live here, signed in or reconnecting: its token may be handed out. */
export const hasLiveSession = (state: AuthState): boolean =>
  state.phase === 'signed-in' || state.phase === 'reconnecting'

/** A refresh, the restore's or the session's, failed for a transient reason and is retried. */
export const isReconnecting = (state: AuthState): boolean =>
  state.phase === 'reconnecting' || (state.phase === 'restoring' && state.retrying)

/** A sign-out has begun or is done: no token is handed out or taken any more. */
export const isOver = (state: AuthState): boolean =>
  state.phase === 'signing-out' || state.phase === 'signed-out'

const sameUser = (a: User | null, b: User): a is User =>
  a !== null && JSON.stringify(a) === JSON.stringify(b)

function signedOut(state: AuthState, reason: SignOutReason, logoutPending: boolean): AuthState {
  // A first visit that finds no session is not an ended session: show no message for it. A
  // restore the server refuses for a known cause (expired, revoked, reused) did find one.
  const worthTelling = isSignedIn(state) || (endedByServer(reason) && reason !== 'ended')
  return {
    phase: 'signed-out',
    logoutPending,
    user: null,
    endedBecause: worthTelling ? reason : state.endedBecause,
    sessionExpiresAt: null,
  }
}

function tokensAccepted(
  state: AuthState,
  action: Extract<AuthAction, { type: 'tokens-accepted' }>,
): AuthState {
  // Keeping the same object when nothing changed spares React a re-render on every refresh.
  const user = sameUser(state.user, action.user) ? state.user : action.user
  const unchanged =
    state.phase === 'signed-in' &&
    user === state.user &&
    action.sessionExpiresAt === state.sessionExpiresAt
  if (unchanged) return state
  const { endedBecause } = state
  return { phase: 'signed-in', user, endedBecause, sessionExpiresAt: action.sessionExpiresAt }
}

/**
 * The session's whole state machine, pure: no HTTP, no timers, no storage. Returns the same
 * object when nothing changes, so subscribers (React) are not woken for nothing.
 */
export function transition(state: AuthState, action: AuthAction): AuthState {
  switch (action.type) {
    case 'tokens-accepted':
      // A sign-out has begun: a token answer that arrives now belongs to the session being ended.
      // A new session replaces the old cookie, so a logout still owed can no longer name it.
      return state.phase === 'signing-out' ? state : tokensAccepted(state, action)
    case 'refresh-failed-transiently':
      if (state.phase === 'restoring') return state.retrying ? state : { ...state, retrying: true }
      return state.phase === 'signed-in' ? { ...state, phase: 'reconnecting' } : state
    case 'session-ended':
      // The sign-out under way ends the session itself, and says it was the user.
      if (state.phase === 'signing-out') return state
      if (state.phase === 'signed-out') {
        // Already out: only a first restore's refusal has something to say.
        const next = signedOut(state, action.reason, state.logoutPending)
        return next.endedBecause === state.endedBecause ? state : next
      }
      return signedOut(state, action.reason, false)
    case 'sign-out-started': {
      if (state.phase === 'signing-out') return state
      const { user, endedBecause, sessionExpiresAt } = state
      return { phase: 'signing-out', user, endedBecause, sessionExpiresAt }
    }
    case 'signed-out':
      if (state.phase !== 'signed-out') return signedOut(state, 'user', action.logoutPending)
      return state.logoutPending === action.logoutPending
        ? state
        : { ...state, logoutPending: action.logoutPending }
    case 'logout-delivered':
      return state.phase === 'signed-out' && state.logoutPending
        ? { ...state, logoutPending: false }
        : state
  }
}
