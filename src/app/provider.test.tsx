import { QueryClient, useQuery } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { apiClient } from '../lib/api-client'
import { createTab, DEMO, expireAccessTokensOnServer } from '../test/auth-harness'
import { manualTime } from '../test/manual-time'
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

  it('asks for the page’s data once the user is known, into the cache the sign-in has cleared', async () => {
    const { session } = createTab()
    const queryClient = new QueryClient()
    queryClient.setQueryData(['left', 'by', 'nobody'], 'stale')
    const prefetchPageData = vi.fn((client: QueryClient) => {
      client.setQueryData(['page'], 'asked for ahead')
    })
    render(
      <AppProvider session={session} queryClient={queryClient} prefetchPageData={prefetchPageData}>
        <p>page</p>
      </AppProvider>,
    )
    expect(prefetchPageData).not.toHaveBeenCalled()

    await act(() => session.signIn(DEMO))

    expect(prefetchPageData).toHaveBeenCalledTimes(1)
    expect(queryClient.getQueryData(['page'])).toBe('asked for ahead')
    expect(queryClient.getQueryData(['left', 'by', 'nobody'])).toBeUndefined()

    await act(() => session.signOut())
    expect(prefetchPageData).toHaveBeenCalledTimes(1)
  })

  /**
   * A signed-in page whose profile query failed because the refresh behind it could not reach the
   * server. The session backs off on manual time: with the harness's `random: () => 0` the first
   * retry comes at half the first backoff's one-second ceiling.
   */
  async function profileFailedWhileReconnecting() {
    const time = manualTime()
    const { session } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const fetches = { count: 0 }
    function Profile() {
      const query = useQuery({
        queryKey: ['me'],
        queryFn: async () => {
          fetches.count++
          return (await apiClient.get<{ displayName: string }>('/me')).data
        },
      })
      return <p>{query.isError ? 'failed' : query.data?.displayName}</p>
    }
    expireAccessTokensOnServer()
    db.config.refreshFailure = 'server_error'
    render(
      <AppProvider session={session} queryClient={queryClient}>
        <Profile />
      </AppProvider>,
    )
    await screen.findByText('failed')
    expect(session.getState().phase).toBe('reconnecting')
    return { session, time, fetches }
  }

  it('fetches again what failed while reconnecting once a refresh succeeds', async () => {
    const { time } = await profileFailedWhileReconnecting()

    db.config.refreshFailure = 'none'
    act(() => time.advance(500))
    expect(await screen.findByText('Demo Viewer')).toBeInTheDocument()
  })

  it('fetches nothing again when a sign-out, not a refresh, ends the reconnecting', async () => {
    const { session, fetches } = await profileFailedWhileReconnecting()
    const fetchesBefore = fetches.count

    await act(() => session.signOut())

    expect(session.getState().phase).toBe('signed-out')
    expect(fetches.count).toBe(fetchesBefore)
  })
})
