import { initialAuthState, transition, type AuthAction, type AuthState } from './auth-state'

/**
 * The session's state and who watches it: every change goes through the pure `transition`, and
 * watchers are woken only when it returns a new state.
 */
export function createSessionState() {
  const listeners = new Set<() => void>()
  let state: AuthState = initialAuthState
  return {
    get: (): AuthState => state,
    dispatch(action: AuthAction): void {
      const next = transition(state, action)
      if (next === state) return
      state = next
      for (const listener of listeners) listener()
    },
    /** The shape `useSyncExternalStore` expects. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop(): void {
      listeners.clear()
    },
  }
}
