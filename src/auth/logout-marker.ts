import type { StorageLike } from './cross-tab'

/** The key of the marker: its value is always `1`, never a token or an id. */
const LOGOUT_PENDING_KEY = 'reel-logout-pending'

/**
 * Remembers, across reloads and tabs, that this browser signed out but the server has not heard
 * of it yet. The next tab to start tells the server before it tries to restore a session, so a
 * reload can never sign the user back in with the cookie the failed logout left behind.
 */
export function createLogoutMarker(storage: StorageLike | null) {
  let inMemory = false
  return {
    isSet: (): boolean => (storage ? storage.getItem(LOGOUT_PENDING_KEY) === '1' : inMemory),
    set(): void {
      inMemory = true
      storage?.setItem(LOGOUT_PENDING_KEY, '1')
    },
    clear(): void {
      inMemory = false
      storage?.removeItem(LOGOUT_PENDING_KEY)
    },
  }
}

export type LogoutMarker = ReturnType<typeof createLogoutMarker>
