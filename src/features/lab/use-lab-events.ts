import { useEffect, useSyncExternalStore } from 'react'
import { browserEventsChannel, subscribeToAllTabs, type AuthSession } from '../../auth'
import { createEventLog } from './event-log'

// One log for the page's life, not the component's: leaving the lab and coming back keeps what
// it saw (and what was cleared stays cleared).
export const labEventLog = createEventLog()

/**
 * Every auth event of every tab of this origin, oldest first, as far back as each tab's relay
 * remembers (from the moment that tab loaded, ten minutes at most).
 */
export function useLabEvents(session: AuthSession) {
  useEffect(() => {
    const channel = browserEventsChannel()
    // Without BroadcastChannel there is only this tab to show.
    if (!channel) return session.onEvent(labEventLog.add)
    return subscribeToAllTabs(session, channel, labEventLog.add)
  }, [session])
  const events = useSyncExternalStore(labEventLog.subscribe, labEventLog.snapshot)
  return { events, clear: labEventLog.clear }
}
