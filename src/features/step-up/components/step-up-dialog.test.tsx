import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../../../mocks/hosts/node'
import { problem } from '../../../../mocks/backend/problem'
import { AppProvider } from '../../../app/provider'
import { isStepUpCancelled } from '../../../auth'
import { storeLocale } from '../../../i18n/locale'
import { countRequests, createTab, DEMO } from '../../../test/auth-harness'
import { GOOD_ASSERTION, loginWithPasskeys, stepUpServer } from '../../../test/step-up-server'

const startAuthentication = vi.hoisted(() => vi.fn())
vi.mock('@simplewebauthn/browser', () => ({ startAuthentication }))

const CHANGE = { newPassword: 'a-new-password-1' }

/** A signed-in page with a button that had focus before the dialog opened. */
async function signedInPage() {
  const tab = createTab()
  await tab.session.signIn(DEMO)
  render(
    <AppProvider session={tab.session}>
      <button type="button">Change password</button>
    </AppProvider>,
  )
  screen.getByRole('button', { name: 'Change password' }).focus()
  return tab
}

describe('the step-up dialog', () => {
  it('asks for the password, keeps asking after a wrong one, then lets the request through', async () => {
    server.use(...stepUpServer().handlers)
    const user = userEvent.setup()
    const { api } = await signedInPage()

    const request = api.post('/me/password', CHANGE)
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    const password = within(dialog).getByLabelText('Password')
    expect(password).toHaveFocus()
    expect(within(dialog).queryByRole('button', { name: 'Use a passkey' })).toBeNull()

    await user.type(password, 'not-it')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    // The alert region is always there, so that screen readers hear what arrives in it: wait
    // for its words, not for the region.
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent('That password is incorrect.'),
    )
    expect(dialog).toBeInTheDocument()

    await user.clear(password)
    await user.type(password, `${DEMO.password}{Enter}`)

    expect((await request).status).toBe(204)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(screen.getByRole('button', { name: 'Change password' })).toHaveFocus()
  })

  it('is busy while confirming', async () => {
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    server.use(
      http.post('/api/auth/reauthenticate', async () => {
        await answered
      }),
      ...stepUpServer().handlers,
    )
    const user = userEvent.setup()
    const { api } = await signedInPage()

    const request = api.post('/me/password', CHANGE)
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.type(within(dialog).getByLabelText('Password'), `${DEMO.password}{Enter}`)

    const busy = await within(dialog).findByRole('button', { name: 'Confirming…' })
    expect(busy).toBeDisabled()
    expect(within(dialog).getByLabelText('Password')).toBeDisabled()
    answer()
    expect((await request).status).toBe(204)
  })

  it('shows the throttling message on 429', async () => {
    server.use(
      http.post('/api/auth/reauthenticate', () =>
        problem(429, 'too_many_attempts', 'Too many attempts.', {
          headers: { 'Retry-After': '30' },
        }),
      ),
      ...stepUpServer().handlers,
    )
    const user = userEvent.setup()
    const { api } = await signedInPage()

    void api.post('/me/password', CHANGE).catch(() => undefined)
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.type(within(dialog).getByLabelText('Password'), `${DEMO.password}{Enter}`)

    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Too many sign-in attempts. Please wait and try again.',
      ),
    )
  })

  it('cancels every waiting request and tells the server nothing', async () => {
    server.use(...stepUpServer().handlers)
    const user = userEvent.setup()
    const { api } = await signedInPage()
    const sent = countRequests()

    const request = api.post('/me/password', CHANGE).catch((error: unknown) => error)
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    expect(isStepUpCancelled(await request)).toBe(true)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(sent.get('POST /api/auth/reauthenticate')).toBeUndefined()
    expect(screen.getByRole('button', { name: 'Change password' })).toHaveFocus()
  })

  it('offers a passkey to an account that has one, and confirms with its assertion', async () => {
    server.use(
      loginWithPasskeys(1),
      http.post('/api/auth/passkey/options', () =>
        HttpResponse.json({ challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', allowCredentials: [] }),
      ),
      ...stepUpServer().handlers,
    )
    startAuthentication.mockResolvedValue(GOOD_ASSERTION)
    const user = userEvent.setup()
    const { api } = await signedInPage()

    const request = api.post('/me/password', CHANGE)
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.click(within(dialog).getByRole('button', { name: 'Use a passkey' }))

    expect((await request).status).toBe(204)
    expect(startAuthentication).toHaveBeenCalledWith({
      optionsJSON: { challenge: 'Y2hhbGxlbmdl', rpId: 'localhost' },
    })
  })

  it('speaks Korean on a Korean page', async () => {
    server.use(...stepUpServer().handlers)
    storeLocale(localStorage, 'ko')
    const { api } = await signedInPage()

    void api.post('/me/password', CHANGE).catch(() => undefined)

    const dialog = await screen.findByRole('dialog', { name: '본인 확인' })
    expect(within(dialog).getByLabelText('비밀번호')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: '확인' })).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: '취소' })).toBeInTheDocument()
  })
})
