import { createAuthSession } from '../auth/session'
import { installAuthInterceptor } from '../auth/interceptor'
import { apiClient } from '../lib/api-client'

/** The page's one session, wired into the API client every feature uses. */
export const authSession = createAuthSession()
const uninstall = installAuthInterceptor(apiClient, authSession)

// A hot update re-runs this module: drop the old session so two never share one page.
import.meta.hot?.dispose(() => {
  uninstall()
  authSession.dispose()
})
