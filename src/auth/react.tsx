import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { isReconnecting, isSignedIn, type AuthState } from './auth-state'
import type { AuthSession } from './session'

const SessionContext = createContext<AuthSession | null>(null)

/**
 * Makes a session available to `useAuth` and restores it once. Safe under StrictMode: the
 * second mount's `restore()` returns the first one's promise.
 *
 * @example
 * <AuthProvider session={session}><App /></AuthProvider>
 */
export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  useEffect(() => {
    void session.restore()
  }, [session])
  return <SessionContext value={session}>{children}</SessionContext>
}

function useSession(): AuthSession {
  const session = use(SessionContext)
  if (!session) throw new Error('useAuth must be used inside <AuthProvider>.')
  return session
}

/**
 * The provider's session itself, for tools that watch its events or read its token (the lab).
 * Pages want {@link useAuth}.
 *
 * @example
 * const session = useAuthSession()
 * useEffect(() => session.onEvent(draw), [session])
 */
export const useAuthSession = useSession

type UseAuth = AuthState & {
  /** A user is known here: signed in, reconnecting, or signing out of their session. */
  isSignedIn: boolean
  /** A refresh, the restore's or the session's, failed for a transient reason and is retried. */
  isReconnecting: boolean
  signIn: AuthSession['signIn']
  signInWithProvider: AuthSession['signInWithProvider']
  signInWithPasskey: AuthSession['signInWithPasskey']
  signOut: AuthSession['signOut']
  signOutEverywhere: AuthSession['signOutEverywhere']
  signOutOthers: AuthSession['signOutOthers']
}

/**
 * The session's state and actions, re-rendering only when the state changes. `phase` says where
 * the session is; `isSignedIn` and `isReconnecting` are read from it, never stored beside it.
 *
 * @example
 * const { isSignedIn, user, signOut } = useAuth()
 * if (isSignedIn) return <button onClick={signOut}>Sign out {user?.displayName}</button>
 */
export function useAuth(): UseAuth {
  const session = useSession()
  const state = useSyncExternalStore(session.subscribe, session.getState)
  return {
    ...state,
    isSignedIn: isSignedIn(state),
    isReconnecting: isReconnecting(state),
    signIn: session.signIn,
    signInWithProvider: session.signInWithProvider,
    signInWithPasskey: session.signInWithPasskey,
    signOut: session.signOut,
    signOutEverywhere: session.signOutEverywhere,
    signOutOthers: session.signOutOthers,
  }
}
