import { useSyncExternalStore } from 'react'
import type { AuthSession } from '../../../auth'

/** The token this tab holds now; changes at every refresh (read only to compare, never shown). */
export function useCurrentTokenValue(session: AuthSession): string | null {
  return useSyncExternalStore(
    (onChange) => session.onEvent(() => onChange()),
    () => session.accessToken()?.value ?? null,
  )
}
