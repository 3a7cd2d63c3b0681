import { configure, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { db } from '../../../../mocks/backend/db'
import { createTab, DEMO, expireAccessTokensOnServer } from '../../../test/auth-harness'
import { I18nProvider } from '../../../i18n/i18n-provider'
import { Timeline } from './timeline'

// Role queries over an SVG full of marks are slow in jsdom on a busy machine.
configure({ asyncUtilTimeout: 5000 })

describe('the timeline', { timeout: 15_000 }, () => {
  it('draws this tab’s token, refresh and replays, and lists the same events in a table', async () => {
    const { session, api } = createTab()
    const user = userEvent.setup()
    render(
      <I18nProvider locale="en">
        <Timeline session={session} />
      </I18nProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Clear' }))

    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    // Slow enough that both 401s arrive while the refresh is in flight.
    db.config.refreshLatencyMs = 100
    await Promise.all([api.get('/me'), api.get('/me/watchlist')])

    const lane = await screen.findByRole('list', { name: /^This tab/ })
    // One from the sign-in, one from the refresh.
    await waitFor(() =>
      expect(
        within(lane).getAllByRole('listitem', { name: /access token from the server/ }),
      ).toHaveLength(2),
    )
    expect(
      within(lane).getByRole('listitem', {
        name: /refresh at .*, its own call, \d+ ms, 2 requests waited, 1 joined/,
      }),
    ).toBeInTheDocument()
    expect(
      await within(lane).findAllByRole('listitem', { name: /→ 200, ok after a 401 and a replay/ }),
    ).toHaveLength(2)

    await user.click(screen.getByText(/^Events as a table/))
    const table = screen.getByRole('table')
    expect(within(table).getAllByText(/^Request replayed after the refresh/)).toHaveLength(2)
    expect(within(table).getByText('Signed in')).toBeInTheDocument()
  })

  it('stands still while paused and says how much it has not shown', async () => {
    const { session, api } = createTab()
    const user = userEvent.setup()
    render(
      <I18nProvider locale="en">
        <Timeline session={session} />
      </I18nProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Clear' }))
    await session.signIn(DEMO)
    await screen.findByRole('listitem', { name: /access token from the server/ })

    await user.click(screen.getByRole('button', { name: 'Pause' }))
    await api.get('/me')

    expect(await screen.findByText(/Paused: 1 new event not shown yet/)).toBeInTheDocument()
    expect(screen.queryByRole('listitem', { name: /GET \/me/ })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Resume' }))
    expect(
      await screen.findByRole('listitem', { name: /GET \/me → 200, ok, at/ }),
    ).toBeInTheDocument()
  })
})
