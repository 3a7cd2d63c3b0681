import { browserEventsChannel, relayEvents, createAuthSession } from '../auth'
import { crossTab, isMockBackend } from '../lib/env'

/**
 * The page's one session. `AppProvider` wires it into the API client every feature uses, so a
 * provider given another session (a test's) sends that session's token instead.
 */
export const authSession = createAuthSession(crossTab ? {} : { locks: null, channel: null })

// The lab draws every tab's events, so each tab relays its own from the start; no lab, no relay.
const eventsChannel = isMockBackend ? browserEventsChannel() : null
const stopRelay = eventsChannel ? relayEvents(authSession, eventsChannel) : () => undefined

// A hot update re-runs this module: drop the old session so two never share one page.
import.meta.hot?.dispose(() => {
  stopRelay()
  authSession.dispose()
})
