import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { AuthProvider } from '../auth/react'
import type { AuthSession } from '../auth/session'
import { createQueryClient } from '../lib/query-client'
import { authSession } from './auth'

/** Cached data belongs to one user: drop all of it on sign-out and when the user changes. */
function useClearCacheOnUserChange(session: AuthSession, queryClient: QueryClient) {
  useEffect(() => {
    let userId = session.getState().user?.id ?? null
    return session.subscribe(() => {
      const next = session.getState().user?.id ?? null
      if (next !== userId) queryClient.clear()
      userId = next
    })
  }, [session, queryClient])
}

interface AppProviderProps {
  children: ReactNode
  /** Tests pass their own; the app uses the page's one session. */
  session?: AuthSession
  queryClient?: QueryClient
}

export function AppProvider({
  children,
  session = authSession,
  queryClient: given,
}: AppProviderProps) {
  const [queryClient] = useState(() => given ?? createQueryClient())
  useClearCacheOnUserChange(session, queryClient)
  return (
    <AuthProvider session={session}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AuthProvider>
  )
}
