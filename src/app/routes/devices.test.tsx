import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db, findUserByUsername, isSessionActive } from '../../../mocks/backend/db'
import { server } from '../../../mocks/hosts/node'
import { createSession } from '../../../mocks/backend/session-service'
import { createTab, DEMO } from '../../test/auth-harness'
import { renderApp } from '../../test/render-app'

/**
 * Two sessions of the demo user: another device first, then this one. The other device is
 * another browser, so it is signed in on the server directly: every tab here shares one cookie
 * jar, and a sign-in that carries a session's cookie replaces that session.
 */
async function signedInOnTwoDevices() {
  const demo = findUserByUsername(DEMO.username)
  if (!demo) throw new Error('seed user missing')
  await createSession({
    user: demo,
    provider: 'password',
    userAgent: 'Another browser',
    remember: true,
    refreshCookie: undefined,
  })
  const { session } = createTab()
  await session.signIn(DEMO)
  return { session, ...renderApp('/devices', session) }
}

const activeSessions = () => [...db.sessions.values()].filter((s) => isSessionActive(s))

describe('Devices page', { timeout: 20_000 }, () => {
  it('lists every signed-in session, this device first and marked', async () => {
    await signedInOnTwoDevices()

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Signed-in devices' }),
    ).toBeVisible()
    const list = await screen.findByRole('list', { name: 'Devices' })
    const [mine, theirs] = within(list).getAllByRole('listitem')
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)

    const current = within(mine as HTMLElement)
    expect(current.getByText('This device')).toBeInTheDocument()
    expect(current.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument()
    expect(current.getByText('Password')).toBeInTheDocument()
    const [signedIn] = (mine as HTMLElement).querySelectorAll('time')
    expect(signedIn).toHaveTextContent('just now')
    expect(signedIn?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(signedIn?.getAttribute('title')).toMatch(/\d{4}/)

    const another = within(theirs as HTMLElement)
    expect(another.queryByText('This device')).not.toBeInTheDocument()
    expect(another.getByRole('button', { name: 'Sign out' })).toBeEnabled()
    expect(document.title).toBe('Devices · Reel')
  })

  it('signs another device out and keeps this one', async () => {
    const { user, session } = await signedInOnTwoDevices()
    const list = await screen.findByRole('list', { name: 'Devices' })

    await user.click(within(list).getByRole('button', { name: 'Sign out' }))

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1))
    expect(within(list).getByText('This device')).toBeInTheDocument()
    expect(activeSessions()).toHaveLength(1)
    expect(session.getState().phase).toBe('signed-in')
  })

  it('asks before signing out everywhere, and Cancel or Escape change nothing', async () => {
    const { user, session } = await signedInOnTwoDevices()
    await screen.findByRole('list', { name: 'Devices' })
    const trigger = screen.getByRole('button', { name: 'Sign out of all devices' })

    await user.click(trigger)
    let dialog = screen.getByRole('dialog', { name: 'Sign out of all devices?' })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(trigger).toHaveFocus()

    await user.click(trigger)
    dialog = screen.getByRole('dialog', { name: 'Sign out of all devices?' })
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(session.getState().phase).toBe('signed-in')
    expect(activeSessions()).toHaveLength(2)
  })

  it('signs out of every device once confirmed and goes to the sign-in page', async () => {
    const { user, session, router } = await signedInOnTwoDevices()
    await screen.findByRole('list', { name: 'Devices' })

    await user.click(screen.getByRole('button', { name: 'Sign out of all devices' }))
    const dialog = screen.getByRole('dialog', { name: 'Sign out of all devices?' })
    await user.click(within(dialog).getByRole('button', { name: 'Sign out of all devices' }))

    expect(await screen.findByRole('heading', { name: 'Sign in to Reel' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
    expect(session.getState().phase).toBe('signed-out')
    expect(activeSessions()).toHaveLength(0)
  })

  it('signs out of other devices once confirmed, and keeps this one signed in', async () => {
    const { user, session } = await signedInOnTwoDevices()
    const list = await screen.findByRole('list', { name: 'Devices' })
    expect(activeSessions()).toHaveLength(2)

    await user.click(screen.getByRole('button', { name: 'Sign out of other devices' }))
    const dialog = screen.getByRole('dialog', { name: 'Sign out of other devices?' })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Sign out of other devices' }))

    expect(await screen.findByText('Your other devices were signed out.')).toHaveAttribute(
      'role',
      'status',
    )
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1))
    expect(activeSessions()).toHaveLength(1)
    expect(session.getState().phase).toBe('signed-in')
  })

  it('says when each session ends, when the backend says so', async () => {
    const now = Date.now()
    server.use(
      http.get('/api/auth/sessions', () =>
        HttpResponse.json([
          {
            id: 's1',
            createdAt: new Date(now).toISOString(),
            lastUsedAt: new Date(now).toISOString(),
            expiresAt: new Date(now + 14 * 24 * 3600_000).toISOString(),
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36',
            provider: 'password',
            current: true,
          },
        ]),
      ),
    )
    const { session } = createTab()
    await session.signIn(DEMO)
    renderApp('/devices', session)

    const row = within(await screen.findByRole('list', { name: 'Devices' })).getByRole('listitem')
    expect(row).toHaveTextContent('Ends in 2 weeks')
  })
})
