import { createAuthSession } from '../auth/session'

/**
 * The page's one session. `AppProvider` wires it into the API client every feature uses, so a
 * provider given another session (a test's) sends that session's token instead.
 */
export const authSession = createAuthSession()

// A hot update re-runs this module: drop the old session so two never share one page.
import.meta.hot?.dispose(() => authSession.dispose())
