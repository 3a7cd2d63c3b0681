import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { AuthProvider } from '../auth/react'
import { createQueryClient } from '../lib/query-client'
import { authSession } from './auth'

/** Cached data belongs to one user: drop all of it on sign-out and when the user changes. */
function useClearCacheOnUserChange(queryClient: QueryClient) {
  useEffect(() => {
    let userId = authSession.getState().user?.id ?? null
    return authSession.subscribe(() => {
      const next = authSession.getState().user?.id ?? null
      if (next !== userId) queryClient.clear()
      userId = next
    })
  }, [queryClient])
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  useClearCacheOnUserChange(queryClient)
  return (
    <AuthProvider session={authSession}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AuthProvider>
  )
}
