import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react'
import { installAuthInterceptor, isReconnecting, AuthProvider, type AuthSession } from '../auth'
import { apiClient } from '../lib/api-client'
import { createQueryClient } from '../lib/query-client'
import { I18nProvider } from '../i18n/i18n-provider'
import { StepUpDialog } from '../features/step-up/components/step-up-dialog'
import { authSession } from './auth'

/**
 * Cached data belongs to one user: drop all of it on sign-out and when the user changes. Once a
 * user is known, ask for the data of the page they are on, before it renders.
 */
function useCacheOfTheUser(
  session: AuthSession,
  queryClient: QueryClient,
  prefetchPageData: (queryClient: QueryClient) => void,
) {
  useEffect(() => {
    let userId = session.getState().user?.id ?? null
    return session.subscribe(() => {
      const next = session.getState().user?.id ?? null
      if (next !== userId) {
        queryClient.clear()
        if (next !== null) prefetchPageData(queryClient)
      }
      userId = next
    })
  }, [session, queryClient, prefetchPageData])
}

/**
 * Requests that failed while the server was unreachable are fetched again once a refresh
 * succeeds, so a user who waited through "Reconnecting…" loses nothing.
 */
function useRefetchFailedOnRecovery(session: AuthSession, queryClient: QueryClient) {
  useEffect(() => {
    let reconnecting = isReconnecting(session.getState())
    return session.subscribe(() => {
      const state = session.getState()
      const now = isReconnecting(state)
      if (reconnecting && !now && state.phase === 'signed-in') {
        void queryClient.refetchQueries({
          type: 'active',
          predicate: (query) => query.state.status === 'error',
        })
      }
      reconnecting = now
    })
  }, [session, queryClient])
}

/**
 * Features call the one `apiClient`; it must carry the token of the session this provider shows,
 * or `useAuth` and the API would speak for two different sessions. A layout effect runs before
 * any child's query subscribes, so no request leaves without it.
 */
function useApiClientSession(session: AuthSession) {
  useLayoutEffect(() => installAuthInterceptor(apiClient, session), [session])
}

interface AppProviderProps {
  children: ReactNode
  /** Tests pass their own; the app uses the page's one session. */
  session?: AuthSession
  queryClient?: QueryClient
  /** Asks for the data of the page at hand (the router's `prefetchPageData`); nothing by default. */
  prefetchPageData?: (queryClient: QueryClient) => void
}

const prefetchNothing = () => undefined

export function AppProvider({
  children,
  session = authSession,
  queryClient: given,
  prefetchPageData = prefetchNothing,
}: AppProviderProps) {
  const [queryClient] = useState(() => given ?? createQueryClient())
  useApiClientSession(session)
  useCacheOfTheUser(session, queryClient, prefetchPageData)
  useRefetchFailedOnRecovery(session, queryClient)
  return (
    <I18nProvider>
      <AuthProvider session={session}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        <StepUpDialog />
      </AuthProvider>
    </I18nProvider>
  )
}
