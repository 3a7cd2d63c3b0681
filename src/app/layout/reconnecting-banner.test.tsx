import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { db } from '../../../mocks/backend/db'
import { createTab, DEMO } from '../../test/auth-harness'
import { renderApp } from '../../test/render-app'

describe('Reconnecting banner', { timeout: 20_000 }, () => {
  it('shows while a refresh is retried after a server error, and goes when it recovers', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    renderApp('/movies', session)
    await screen.findByText('Dune: Part Two')
    // The provider's restore refreshes once; the failing refresh must not join that one.
    await act(() => session.restore())
    expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument()

    db.config.refreshFailure = 'server_error'
    await act(() => session.refresh().catch(() => undefined))

    const banner = await screen.findByText('Reconnecting…')
    expect(banner.closest('[role="status"]')).not.toBeNull()
    // The page stays usable underneath.
    expect(screen.getByText('Dune: Part Two')).toBeVisible()
    expect(session.getState().phase).toBe('reconnecting')

    db.config.refreshFailure = 'none'
    await act(() => session.refresh())

    await waitFor(() => expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument())
  })

  it('shows on the sign-in page while a restore is being retried', async () => {
    db.config.refreshFailure = 'server_error'
    const { session } = createTab()
    renderApp('/login', session)

    expect(await screen.findByText('Reconnecting…')).toBeInTheDocument()
    expect(await screen.findByText('Checking your session…')).toBeInTheDocument()

    db.config.refreshFailure = 'none'
    await act(() => session.refresh().catch(() => undefined))

    await waitFor(() => expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument())
    expect(screen.getByRole('textbox', { name: 'Username' })).toBeInTheDocument()
  })
})
