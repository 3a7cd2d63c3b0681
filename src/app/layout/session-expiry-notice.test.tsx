import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createAuthHttp } from '../../auth'
import { en } from '../../i18n/messages/en'
import { ko } from '../../i18n/messages/ko'
import { createTab, DEMO } from '../../test/auth-harness'
import { renderApp } from '../../test/render-app'
import { spokenTimeLeft, timeLeft } from './session-expiry-notice'

/**
 * A tab whose backend says its sessions end `msLeft` from now (contract v1.1), or says nothing
 * (v1, `null`): the token responses of the mock are given that field on their way in.
 */
function tabWithSessionEnd(msLeft: number | null) {
  const http = createAuthHttp()
  http.interceptors.response.use((response) => {
    const data: unknown = response.data
    if (typeof data === 'object' && data !== null && 'accessToken' in data) {
      const fields = new Map(Object.entries(data))
      if (msLeft === null) fields.delete('sessionExpiresAt')
      else fields.set('sessionExpiresAt', new Date(Date.now() + msLeft).toISOString())
      response.data = Object.fromEntries(fields)
    }
    return response
  })
  return createTab({ http })
}

describe('the session expiry notice', { timeout: 20_000 }, () => {
  it('says how long is left once under five minutes, and "Sign in again" comes back here', async () => {
    const { session } = tabWithSessionEnd(3 * 60_000 - 1_000)
    await session.signIn(DEMO)
    const { user, router } = renderApp('/watchlist', session)

    const notice = await screen.findByText('Your session ends in 3 minutes.')
    expect(notice.closest('[role="status"]')).not.toBeNull()
    await user.click(screen.getByRole('button', { name: 'Sign in again' }))

    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeVisible()
    await user.type(screen.getByLabelText('Username'), DEMO.username)
    await user.type(screen.getByLabelText('Password'), DEMO.password)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/watchlist'))
  })

  it('counts the last minute on screen but tells a screen reader only at its milestones', async () => {
    const { session } = tabWithSessionEnd(45_000)
    await session.signIn(DEMO)
    renderApp('/watchlist', session)

    const shown = await screen.findByText(/^Your session ends in \d+ seconds\.$/)
    expect(shown).toHaveAttribute('aria-hidden', 'true')
    const spoken = screen.getByText('Your session ends in 1 minute.')
    expect(spoken).toHaveClass('visually-hidden')
    expect(spoken.closest('[role="status"]')).not.toBeNull()
  })

  it('stays away while more than five minutes are left', async () => {
    const { session } = tabWithSessionEnd(6 * 60_000)
    await session.signIn(DEMO)
    renderApp('/watchlist', session)
    await screen.findByRole('heading', { name: 'Watchlist' })
    expect(screen.queryByText(/Your session ends in/)).not.toBeInTheDocument()
  })

  it('never shows, and nothing fails, when the backend does not say when sessions end', async () => {
    const { session } = tabWithSessionEnd(null)
    await session.signIn(DEMO)
    renderApp('/watchlist', session)
    await screen.findByRole('heading', { name: 'Watchlist' })
    expect(session.getState().sessionExpiresAt).toBeNull()
    expect(screen.queryByText(/Your session ends in/)).not.toBeInTheDocument()
  })
})

describe('timeLeft', () => {
  it.each([
    [5 * 60_000, '5 minutes'],
    [4 * 60_000 + 1, '5 minutes'],
    [61_000, '2 minutes'],
    [60_000, '1 minute'],
    [59_000, '59 seconds'],
    [1_000, '1 second'],
    [2_000, '2 seconds'],
  ])('says %i ms in English as "%s"', (ms, expected) => {
    expect(timeLeft(en, ms)).toBe(expected)
  })

  it('counts the same way in Korean, which has one plural form', () => {
    expect(timeLeft(ko, 3 * 60_000)).toBe('3분')
    expect(timeLeft(ko, 1_000)).toBe('1초')
  })
})

describe('spokenTimeLeft', () => {
  it.each([
    [3 * 60_000, '3 minutes'],
    [59_000, '1 minute'],
    [31_000, '1 minute'],
    [30_000, '30 seconds'],
    [11_000, '30 seconds'],
    [10_000, '10 seconds'],
    [1_000, '10 seconds'],
  ])('announces %i ms left as "%s"', (ms, expected) => {
    expect(spokenTimeLeft(en, ms)).toBe(expected)
  })
})
