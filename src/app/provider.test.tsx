import { QueryClient, useQuery } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createTab, DEMO } from '../test/auth-harness'
import { AppProvider } from './provider'

describe('AppProvider', () => {
  it('clears the query cache when the user signs out', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    function Cached() {
      const query = useQuery({ queryKey: ['private'], queryFn: () => 'secret data' })
      return <p>{query.data}</p>
    }
    render(
      <AppProvider session={session} queryClient={queryClient}>
        <Cached />
      </AppProvider>,
    )
    await screen.findByText('secret data')

    await act(() => session.signOut())

    expect(queryClient.getQueryData(['private'])).toBeUndefined()
  })
})
