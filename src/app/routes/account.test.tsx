import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { STEP_UP_MAX_AGE_SEC } from '../../../contract/account'
import { db } from '../../../mocks/backend/db'
import { server } from '../../../mocks/hosts/node'
import { problem } from '../../../mocks/backend/problem'
import { createTab, DEMO } from '../../test/auth-harness'
import { headerLinkedMethods, renderApp } from '../../test/render-app'

const HOUR = 3600_000

function passkey(id: string, name: string, ageMs: number, backedUp: boolean) {
  const at = new Date(Date.now() - ageMs).toISOString()
  return { id, name, createdAt: at, lastUsedAt: backedUp ? at : null, backedUp }
}

/** Demo's account with a Kakao identity, linked before this page heard of it or in another tab. */
function linkKakaoToDemo() {
  const demo = db.users.get('u_demo')
  if (!demo) throw new Error('the seed has no demo')
  demo.linked = { kakao: '3141592653' }
}

async function openAccount() {
  const { session } = createTab()
  await session.signIn(DEMO)
  return renderApp('/account', session)
}

describe('the account page', { timeout: 20_000 }, () => {
  it('lists the passkeys as the server orders them, saying which are synced', async () => {
    server.use(
      http.get('/api/auth/passkeys', () =>
        HttpResponse.json([
          passkey('p2', 'Phone', HOUR, true),
          passkey('p1', 'Security key', 48 * HOUR, false),
        ]),
      ),
    )
    await openAccount()

    const section = await screen.findByRole('region', { name: 'Passkeys' })
    const rows = await within(section).findAllByRole('listitem')
    expect(rows.map((row) => within(row).getByRole('strong').textContent)).toEqual([
      'Phone',
      'Security key',
    ])
    expect(rows[0]).toHaveTextContent(/Created \S/)
    expect(rows[0]).toHaveTextContent('Synced between your devices')
    expect(rows[1]).toHaveTextContent('On one device only')
    expect(rows[1]).toHaveTextContent('Never used')
  })

  it('lists the passkeys while the account itself is still on its way', async () => {
    let answerAccount = () => {}
    const accountHeld = new Promise<void>((resolve) => (answerAccount = resolve))
    server.use(
      http.get('/api/me', async () => {
        await accountHeld
        return undefined
      }),
      http.get('/api/auth/passkeys', () => HttpResponse.json([passkey('p1', 'Phone', HOUR, true)])),
    )
    await openAccount()

    const section = await screen.findByRole('region', { name: 'Passkeys' })
    expect(await within(section).findByText('Phone')).toBeVisible()
    expect(screen.queryByRole('region', { name: 'Password' })).not.toBeInTheDocument()
    answerAccount()
    expect(await screen.findByRole('region', { name: 'Password' })).toBeVisible()
  })

  it('says when there are no passkeys yet', async () => {
    server.use(http.get('/api/auth/passkeys', () => HttpResponse.json([])))
    await openAccount()
    expect(await screen.findByText('You have no passkeys yet.')).toBeVisible()
    expect(screen.getByRole('button', { name: 'Add a passkey' })).toBeEnabled()
  })

  it('says the passkeys could not be loaded, and loads them on "Try again"', async () => {
    let fail = true
    server.use(
      http.get('/api/auth/passkeys', () =>
        fail
          ? problem(500, 'server_error', 'Something went wrong.')
          : HttpResponse.json([passkey('p1', 'Laptop', HOUR, false)]),
      ),
    )
    const { user } = await openAccount()

    const alert = await screen.findByText(/could not load your passkeys/)
    fail = false
    await user.click(within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button'))
    expect(await screen.findByText('Laptop')).toBeVisible()
  })

  it("says in the page's words why the server refused a new password", async () => {
    server.use(
      http.post('/api/me/password', () =>
        problem(400, 'weak_password', 'The password is too weak.'),
      ),
    )
    const { user } = await openAccount()

    await user.type(await screen.findByLabelText('Current password'), DEMO.password)
    await user.type(screen.getByLabelText('New password'), 'demo-is-in-here')
    await user.click(screen.getByRole('button', { name: 'Change password' }))

    const section = screen.getByRole('region', { name: 'Password' })
    await waitFor(() =>
      expect(within(section).getByRole('alert')).toHaveTextContent(
        'Choose a password of 12 to 128 characters that does not contain your username.',
      ),
    )
  })

  it('changes the password after an old sign-in is confirmed, sending the form again whole', async () => {
    // The token outlives the moved clock: the only refusal is the step-up one.
    db.config.accessTokenTtlSec = 3600
    const { user } = await openAccount()
    db.config.serverClockSkewSec = STEP_UP_MAX_AGE_SEC + 60
    const newPassword = 'a-new-password-for-reel'

    await user.type(await screen.findByLabelText('Current password'), DEMO.password)
    await user.type(screen.getByLabelText('New password'), newPassword)
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.type(within(dialog).getByLabelText('Password'), DEMO.password)
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))

    expect(
      await screen.findByText('Your password was changed. Other devices were signed out.'),
    ).toHaveAttribute('role', 'status')
  })

  it('drops an unlinked provider from the header menu at once', async () => {
    linkKakaoToDemo()
    const { user } = await openAccount()

    const providers = await screen.findByRole('region', { name: 'Linked accounts' })
    await user.click(within(providers).getByRole('button', { name: 'Unlink Kakao' }))

    expect(await screen.findByText('Kakao was unlinked.')).toBeVisible()
    expect(await headerLinkedMethods(user)).toEqual(['Password'])
  })

  it('lists a provider linked elsewhere once the session hears of it, over the page’s older answer', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const { user } = renderApp('/account', session)
    const providers = await screen.findByRole('region', { name: 'Linked accounts' })
    expect(within(providers).getByText('No provider is linked to your account.')).toBeVisible()

    // Another tab links Kakao; this tab's next token brings the account as it now is.
    linkKakaoToDemo()
    await act(() => session.refresh())

    expect(await headerLinkedMethods(user)).toEqual(['Password', 'Kakao'])
  })

  it('keeps the last way in, and says why', async () => {
    server.use(
      http.get('/api/me', () =>
        HttpResponse.json({
          id: 'u9',
          username: 'kim',
          displayName: 'Kim',
          email: 'kim@example.com',
          providers: ['google'],
          hasPassword: false,
          passkeys: 0,
        }),
      ),
      http.delete('/api/me/providers/google', () =>
        problem(409, 'last_sign_in_method', 'This is the last way to sign in.'),
      ),
    )
    const { user } = await openAccount()

    const providers = await screen.findByRole('region', { name: 'Linked accounts' })
    await user.click(within(providers).getByRole('button', { name: 'Unlink Google' }))

    await waitFor(() =>
      expect(providers).toHaveTextContent(
        'This is your only way to sign in. Set a password or add a passkey before removing it.',
      ),
    )
    expect(within(providers).getByText('Google')).toBeVisible()
    // No password yet: the form offers to set one, without asking for a current one.
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Set password' })).toBeVisible()
  })
})
